// A tooltip pinned next to its anchored element, positioned by Floating UI.
import { arrow, autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { Placement as FloatingPlacement } from '@floating-ui/dom';
import type { Tip } from '../types';
import { el, setAttr, tipBox } from './parts';
import type { TipCallbacks } from './parts';

export interface Shown {
  box: HTMLElement;
  destroy(): void;
}

const SIDES: Record<string, string> = { top: 'bottom', right: 'left', bottom: 'top', left: 'right' };

/**
 * Accessibility: the tooltip is a non-modal `role="dialog"` (it holds a button and links, which
 * `role="tooltip"` may not). It lives in a shadow root, so the anchored element cannot point at it
 * with `aria-describedby` (id references do not cross the shadow boundary). Instead the anchored
 * element gets `aria-description` with the tip's title, and the old value is put back on teardown.
 * Its accessible name (aria-label) is never touched.
 */
export function showTooltip(shadow: ShadowRoot, anchor: Element, tip: Tip, cb: TipCallbacks): Shown {
  const doc = anchor.ownerDocument;
  const { box } = tipBox(doc, tip, 'tooltip', 'tip', cb);
  const tail = el(doc, 'div', 'arrow');
  tail.setAttribute('aria-hidden', 'true');
  box.appendChild(tail);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      cb.onDismiss('escape');
    }
  });
  shadow.appendChild(box);
  const restoreAria = setAttr(anchor, 'aria-description', `Tip: ${tip.title}`);
  const placement = (tip.placement && tip.placement !== 'auto' ? tip.placement : 'bottom') as FloatingPlacement;
  const update = (): void => {
    computePosition(anchor, box, {
      placement,
      strategy: 'fixed',
      middleware: [offset(10), flip(), shift({ padding: 8 }), arrow({ element: tail, padding: 8 })],
    }).then(({ x, y, placement: side, middlewareData }) => {
      Object.assign(box.style, { left: `${x}px`, top: `${y}px` });
      const base = side.split('-')[0];
      box.setAttribute('data-side', base);
      const a = middlewareData.arrow;
      Object.assign(tail.style, { top: '', right: '', bottom: '', left: '' }, {
        left: a?.x != null ? `${a.x}px` : '',
        top: a?.y != null ? `${a.y}px` : '',
        [SIDES[base]]: '-6px',
      });
    }).catch(() => undefined);
  };
  const stop = autoUpdate(anchor, box, update);
  return {
    box,
    destroy() {
      stop();
      restoreAria();
      box.remove();
    },
  };
}
