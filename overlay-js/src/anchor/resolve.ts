// Finds the element a fingerprint describes: selectors first, weighted similarity second, typed miss last.
import { describe, headingsIn } from './describe';
import { contradicts, groupSelector, MARGIN, rank, tagGroup, THRESHOLD } from './score';
import type { Description, Fingerprint, ResolveResult } from './types';
import { isVisible } from './visible';

/** The most candidates scored per resolve; beyond that the page is too generic for scoring to be trusted. */
const MAX_CANDIDATES = 3000;

const OVERLAY_HOST = 'inflow-overlay-root';

function query(root: ParentNode, css: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(css));
  } catch {
    return [];
  }
}

function sameGroup(fp: Fingerprint, d: Description): boolean {
  const group = tagGroup(fp.tag, fp.props);
  return group === '*' || tagGroup(d.tag, d.props) === group;
}

function viaSelectors(fp: Fingerprint, root: ParentNode): ResolveResult | null {
  for (const sel of fp.selectors ?? []) {
    if (!sel || typeof sel.css !== 'string') continue;
    const found = query(root, sel.css);
    if (found.length !== 1) continue;
    const d = describe(found[0], { depth: 0 });
    if (!sameGroup(fp, d) || contradicts(fp, d)) continue;
    return isVisible(found[0])
      ? { ok: true, element: found[0], confidence: 1, via: 'selector' }
      : { ok: false, reason: 'not_visible', bestScore: 1 };
  }
  return null;
}

function viaScore(fp: Fingerprint, root: ParentNode): ResolveResult {
  const group = tagGroup(fp.tag, fp.props);
  const candidates = query(root, groupSelector(group))
    .filter((el) => el.id !== OVERLAY_HOST)
    .slice(0, MAX_CANDIDATES);
  const headings = headingsIn(root);
  const descriptions = candidates.map((el) => describe(el, { depth: 5, headings }));
  const ranked = rank(fp, descriptions);
  const best = ranked[0]?.score ?? 0;
  // Rank among visible candidates; a hidden twin must not make a visible match ambiguous.
  const visible: { el: Element; score: number }[] = [];
  let hiddenAbove = false;
  for (const r of ranked) {
    if (r.score < THRESHOLD - MARGIN || visible.length === 2) break;
    const el = candidates[r.index];
    if (isVisible(el)) visible.push({ el, score: r.score });
    else if (r.score >= THRESHOLD) hiddenAbove = true;
  }
  const top = visible[0];
  if (top && top.score >= THRESHOLD) {
    const runnerUp = visible[1]?.score ?? 0;
    if (top.score - runnerUp < MARGIN) return { ok: false, reason: 'ambiguous', bestScore: round(top.score) };
    return { ok: true, element: top.el, confidence: round(top.score), via: 'score' };
  }
  if (hiddenAbove) return { ok: false, reason: 'not_visible', bestScore: round(best) };
  return { ok: false, reason: 'not_found', bestScore: round(best) };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Finds the element of a fingerprint under `root` (the document by default). Never guesses between look-alikes. */
export function resolve(fp: Fingerprint, root?: Document | ShadowRoot | Element): ResolveResult {
  const scope: ParentNode | undefined = root ?? (typeof document !== 'undefined' ? document : undefined);
  if (!fp || typeof fp !== 'object' || !scope) return { ok: false, reason: 'not_found', bestScore: 0 };
  return viaSelectors(fp, scope) ?? viaScore(fp, scope);
}
