// A centred modal dialog with a backdrop; focus moves in and comes back on close.
import type { Tip } from '../types';
import { el, tipBox } from './parts';
import type { TipCallbacks } from './parts';
import type { Shown } from './tooltip';

const FOCUSABLE = 'button, a[href], [tabindex]:not([tabindex="-1"])';

export function showModal(shadow: ShadowRoot, doc: Document, tip: Tip, cb: TipCallbacks): Shown {
  const returnTo = doc.activeElement as HTMLElement | null;
  const backdrop = el(doc, 'div', 'backdrop');
  const { box } = tipBox(doc, tip, 'modal', 'modal', cb);
  box.setAttribute('aria-modal', 'true');
  const actions = el(doc, 'div', 'actions');
  const ok = el(doc, 'button', 'ok', 'Got it');
  ok.type = 'button';
  ok.setAttribute('data-inflow-dismiss', 'got-it');
  ok.addEventListener('click', () => cb.onDismiss('got_it'));
  actions.appendChild(ok);
  box.insertBefore(actions, box.querySelector('.close'));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      cb.onDismiss('escape');
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog.
      const items = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (!items.length) return;
      const first = items[0], last = items[items.length - 1];
      const active = shadow.activeElement;
      if (e.shiftKey && (active === first || active === box)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    }
  });
  backdrop.appendChild(box);
  shadow.appendChild(backdrop);
  ok.focus();
  return {
    box,
    destroy() {
      backdrop.remove();
      if (returnTo && returnTo.isConnected && typeof returnTo.focus === 'function') returnTo.focus();
    },
  };
}
