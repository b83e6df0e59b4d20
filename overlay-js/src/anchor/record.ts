// Records the fingerprint of an element (used by the picker, and by tests).
import { describe } from './describe';
import { pathOf } from './path';
import { selectorsFor } from './selectors';
import type { Fingerprint } from './types';

export function record(el: Element): Fingerprint {
  const d = describe(el, { depth: 3 });
  return {
    v: 1, tag: d.tag, selectors: selectorsFor(el), props: d.props, context: d.context,
    box: d.box, geometry: d.geometry, path: pathOf(el),
  };
}
