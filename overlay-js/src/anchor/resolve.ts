// Finds the element a fingerprint describes: selectors first, weighted similarity second, typed miss last.
import { describe } from './describe';
import { locate, OVERLAY_HOST, query } from './locate';
import { decide, scoreAll } from './rank';
import { groupSelector, MARGIN, tagGroup, THRESHOLD } from './score';
import type { Fingerprint, ResolveResult } from './types';
import { isVisible } from './visible';

/** The most candidates scored per resolve; beyond that the page is too generic for scoring to be trusted. */
const MAX_CANDIDATES = 3000;

/** How many of them, best first on their own properties, are described in full. */
const MAX_DESCRIBED = 150;

/** The weighted similarity over all candidates of the fingerprint's tag group, under all `scopes`. */
export function viaScore(fp: Fingerprint, scopes: ParentNode[]): ResolveResult {
  const all = query(scopes, groupSelector(tagGroup(fp.tag, fp.props)))
    .filter((el) => el.id !== OVERLAY_HOST)
    .slice(0, MAX_CANDIDATES);
  // First pass on the elements' own properties only; the neighbourhood is read for the most plausible ones.
  const light = all.map((el) => describe(el, { light: true }));
  const own: Fingerprint = { tag: fp.tag, props: fp.props };
  const candidates = scoreAll(own, light).slice(0, MAX_DESCRIBED).filter((r) => r.score > 0).map((r) => all[r.index]);
  const descriptions = candidates.map((el) => describe(el, { depth: 5, xpath: false }));
  const ranked = scoreAll(fp, descriptions);
  // Visibility costs layout reads: check it only for the few candidates that could win or tie.
  let visible = 0;
  for (const r of ranked) {
    if (r.score < THRESHOLD - MARGIN || visible === 2) break;
    const shown = isVisible(candidates[r.index]);
    descriptions[r.index].visible = shown;
    if (shown) visible++;
  }
  const decision = decide(ranked, descriptions);
  return decision.ok ? { ok: true, element: candidates[decision.index], confidence: decision.confidence, via: 'score' } : decision;
}

/**
 * Finds the element of a fingerprint under `root` (the document by default), through open shadow roots and
 * same-origin iframes. Never guesses between look-alikes: a miss says why.
 */
export function resolve(fp: Fingerprint, root?: Document | ShadowRoot | Element): ResolveResult {
  return locate(fp, root, viaScore)!;
}
