// The resolver's fast path: recorded selectors, checked against the record. The weighted similarity (resolve.ts)
// is handed in, so the worker overlay can keep it in its extra bundle until a page needs it.
import { describeLight, headingOf } from './describe';
import { enterPath, scopesUnder } from './path';
import { contradicts, ownScore, tagGroup, THRESHOLD } from './score';
import { similarity } from './text';
import type { Description, Fingerprint, ResolveResult } from './types';
import { isVisible } from './visible';

export const OVERLAY_HOST = 'inflow-overlay-root';

/** The similarity stage: finds the element among all candidates under `scopes`. */
export type Scorer = (fp: Fingerprint, scopes: ParentNode[]) => ResolveResult;

export function query(scopes: ParentNode[], css: string): Element[] {
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
    // A selector that matched several elements when recorded proves nothing by matching one now: the look-alikes it
    // matched may have gone, the recorded element among them.
    if (!sel || typeof sel.css !== 'string' || (sel.count ?? 1) > 1) continue;
    const found = query(scopes, sel.css);
    if (found.length !== 1) continue;
    // A unique match is only taken when it still looks like the record: after a deletion, a selector that was unique
    // among look-alikes may match the next one.
    const d = describeLight(found[0]);
    if (!sameGroup(fp, d) || contradicts(fp, d) || ownScore(fp, d) < THRESHOLD) continue;
    // A twin under another heading (the "New" of another related list) is for the scoring to judge.
    const heading = fp.context?.heading;
    if (heading && similarity(heading, headingOf(found[0])) < 0.75) continue;
    return isVisible(found[0])
      ? { ok: true, element: found[0], confidence: 1, via: 'selector' }
      : { ok: false, reason: 'not_visible', bestScore: 1 };
  }
  return null;
}

/** Resolves a fingerprint (see resolve.ts); without a scorer, answers null where the similarity stage would decide. */
export function locate(fp: Fingerprint, root: Document | ShadowRoot | Element | undefined, scorer?: Scorer): ResolveResult | null {
  const scope: ParentNode | undefined = root ?? (typeof document !== 'undefined' ? document : undefined);
  if (!fp || typeof fp !== 'object' || !scope) return { ok: false, reason: 'not_found', bestScore: 0 };
  // Fast path: the recorded tree, as recorded.
  const entered = Array.isArray(fp.path) && fp.path.length ? enterPath(scope, fp.path) : scope;
  const fast = entered ? viaSelectors(fp, [entered]) : null;
  if (fast) return fast;
  const scopes = scopesUnder(scope);
  return (scopes.length > 1 || entered !== scope ? viaSelectors(fp, scopes) : null) ?? (scorer ? scorer(fp, scopes) : null);
}
