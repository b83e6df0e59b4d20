// A hotspot: a small pulsing beacon on the corner of its element; activating it opens the tip.
import { autoUpdate } from '@floating-ui/dom';
import type { Tip } from '../types';
import { el } from './parts';
import type { Shown } from './tooltip';

export function showBeacon(shadow: ShadowRoot, anchor: Element, tip: Tip, open: () => void): Shown {
  const beacon = el(anchor.ownerDocument, 'button', 'beacon');
  beacon.type = 'button';
  beacon.setAttribute('data-inflow-beacon', tip.id);
  beacon.setAttribute('aria-label', `Tip: ${tip.title}`);
  beacon.addEventListener('click', open);
  shadow.appendChild(beacon);
  // The beacon's centre sits on the element's top end corner (mirrored for right-to-left pages).
  const stop = autoUpdate(anchor, beacon, () => {
    const r = anchor.getBoundingClientRect();
    const rtl = getComputedStyle(anchor).direction === 'rtl';
    Object.assign(beacon.style, { left: `${(rtl ? r.left : r.right) - 8}px`, top: `${r.top - 8}px` });
  });
  return {
    box: beacon,
    destroy() {
      stop();
      beacon.remove();
    },
  };
}
