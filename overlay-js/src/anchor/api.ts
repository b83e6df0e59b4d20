// What the overlay exposes on the host page as `Inflow.anchor`. It comes with the extra bundle (inflow-more.js, loaded
// on first use), so that every worker's bundle stays small: each function answers a promise.
import type { DescribeOptions } from './describe';
import { loadMore } from '../lazy';
import type { Description, Fingerprint, ResolveResult } from './types';
import type { Ranking } from './rank';

/** Records an element's fingerprint. */
export const record = (el: Element): Promise<Fingerprint> => loadMore().then((m) => m.record(el));

/** A fingerprint from one description. */
export const fromDescription = (d: Description): Promise<Fingerprint> => loadMore().then((m) => m.fromDescription(d));

/** Finds the element of a fingerprint (see resolve.ts). */
export const resolve = (fp: Fingerprint, root?: Document | ShadowRoot | Element): Promise<ResolveResult> =>
  loadMore().then((m) => m.resolve(fp, root));

/** Describes an element as the scoring sees it. */
export const describe = (el: Element, options?: DescribeOptions): Promise<Description> => loadMore().then((m) => m.describe(el, options));

/** Ranks descriptions against a fingerprint. */
export const rank = (fp: Fingerprint, descriptions: Description[]): Promise<Ranking> => loadMore().then((m) => m.rank(fp, descriptions));
