// Finds the element a fingerprint describes: selectors first, weighted similarity second, typed miss last.
import { describe, headingOf } from './describe';
import { enterPath, scopesUnder } from './path';
import { contradicts, decide, groupSelector, MARGIN, score, scoreAll, tagGroup, THRESHOLD } from './score';
import { similarity } from './text';
import type { Description, Fingerprint, ResolveResult } from './types';
import { isVisible } from './visible';

/** The most candidates scored per resolve; beyond that the page is too generic for scoring to be trusted. */
const MAX_CANDIDATES = 3000;

/** How many of them, best first on their own properties, are described in full. */
const MAX_DESCRIBED = 150;

const OVERLAY_HOST = 'inflow-overlay-root';

function query(scopes: ParentNode[], css: string): Element[] {
  const out: Element[] = [];
  for (const scope of scopes) {
    try {
      out.push(...Array.from(scope.querySelectorAll(css)));
    } catch {
      return [];
    }
  }
  return out;
}

function sameGroup(fp: Fingerprint, d: Description): boolean {
  const group = tagGroup(fp.tag, fp.props);
  return group === '*' || tagGroup(d.tag, d.props) === group;
}

/** The first recorded selector with exactly one match over all `scopes` whose properties agree with the record. */
function viaSelectors(fp: Fingerprint, scopes: ParentNode[]): ResolveResult | null {
  for (const sel of fp.selectors ?? []) {
    if (!sel || typeof sel.css !== 'string') continue;
    const found = query(scopes, sel.css);
    if (found.length !== 1) continue;
    // A unique match is only taken when it still looks like the record: after a deletion, a selector that was unique
    // among look-alikes may match the next one.
    const d = describe(found[0], { light: true });
    if (!sameGroup(fp, d) || contradicts(fp, d) || score({ tag: fp.tag, props: fp.props }, d) < THRESHOLD) continue;
    // A twin under another heading (the "New" of another related list) is for the scoring to judge.
    const heading = fp.context?.heading;
    if (heading && similarity(heading, headingOf(found[0])) < 0.75) continue;
    return isVisible(found[0])
      ? { ok: true, element: found[0], confidence: 1, via: 'selector' }
      : { ok: false, reason: 'not_visible', bestScore: 1 };
  }
  return null;
}

function viaScore(fp: Fingerprint, scopes: ParentNode[]): ResolveResult {
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
  const scope: ParentNode | undefined = root ?? (typeof document !== 'undefined' ? document : undefined);
  if (!fp || typeof fp !== 'object' || !scope) return { ok: false, reason: 'not_found', bestScore: 0 };
  // Fast path: the recorded tree, as recorded.
  const entered = Array.isArray(fp.path) && fp.path.length ? enterPath(scope, fp.path) : scope;
  const fast = entered ? viaSelectors(fp, [entered]) : null;
  if (fast) return fast;
  const scopes = scopesUnder(scope);
  return (scopes.length > 1 || entered !== scope ? viaSelectors(fp, scopes) : null) ?? viaScore(fp, scopes);
}
