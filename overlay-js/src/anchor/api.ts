// What the overlay exposes on the host page as `Inflow.anchor`: the public subset of the anchor module, kept small
// because it ships in every worker's bundle.
import { loadMore } from '../lazy';
import type { Description, Fingerprint } from './types';

export { resolve } from './resolve';
export { describe } from './describe';
export { rank } from './score';

/** Records an element's fingerprint; the recorder comes with the extra bundle (inflow-more.js), so this answers a promise. */
export const record = (el: Element): Promise<Fingerprint> => loadMore().then((m) => m.record(el));

/** A fingerprint from one description; also from the extra bundle, so a promise. */
export const fromDescription = (d: Description): Promise<Fingerprint> => loadMore().then((m) => m.fromDescription(d));
