// The anchor module: record an element's fingerprint, resolve a fingerprint back to an element.
// Shared by the worker overlay and the authoring picker.
export type {
  AncestorInfo, AnchorContext, AnchorProps, Box, Decision, Description, Fingerprint, Geometry, Landmark, MissReason,
  PathStep, RecordedSelector, ResolveResult, Row, Via,
} from './types';
export { record } from './record';
export { resolve } from './resolve';
export { waitFor } from './wait';
export type { WaitOptions } from './wait';
export { describe } from './describe';
export type { DescribeOptions } from './describe';
export { fromDescription } from './from-description';
export { tagGroup, contradicts, ownScore, THRESHOLD, MARGIN, WEIGHTS } from './score';
export { rank, score, decide } from './rank';
export type { Ranked, Ranking } from './rank';
export { selectorsFor } from './selectors';
export { isGeneratedId, isStableClass } from './generated';
export { isVisible } from './visible';
export { normalise, similarity, labelOf } from './text';
