// What the overlay exposes on the host page as `Inflow.anchor`: the public subset of the anchor module, kept small
// because it ships in every worker's bundle.
export { record } from './record';
export { resolve } from './resolve';
export { describe } from './describe';
export { fromDescription } from './from-description';
export { rank } from './score';
