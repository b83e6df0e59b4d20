// The anchor module: record an element's fingerprint, resolve a fingerprint back to an element.
// Shared by the worker overlay and the authoring picker.
export type {
  AncestorInfo, AnchorContext, AnchorProps, Box, Description, Fingerprint, RecordedSelector, ResolveResult,
} from './types';
export { record } from './record';
export { resolve } from './resolve';
export { describe } from './describe';
export type { DescribeOptions } from './describe';
export { rank, score, tagGroup, contradicts, THRESHOLD, MARGIN, WEIGHTS } from './score';
export type { Ranked } from './score';
export { selectorsFor } from './selectors';
export { isGeneratedId, isStableClass } from './generated';
export { isVisible } from './visible';
export { normalise, similarity, labelOf } from './text';
