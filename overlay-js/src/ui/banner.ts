// A banner across the top of the viewport: page-wide news that needs no element and blocks nothing.
import type { Tip } from '../types';
import { tipBox } from './parts';
import type { TipCallbacks } from './parts';
import type { Shown } from './tooltip';

export function showBanner(shadow: ShadowRoot, doc: Document, tip: Tip, cb: TipCallbacks): Shown {
  const { box } = tipBox(doc, tip, 'banner', 'banner', cb);
  // Not a dialog: it asks for nothing, so it is a labelled region a screen reader can jump to.
  box.setAttribute('role', 'region');
  shadow.appendChild(box);
  return { box, destroy: () => box.remove() };
}
