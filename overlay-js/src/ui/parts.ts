// Pieces shared by the tooltip and the modal.
import { buildContent, safeUrl } from '../content';
import type { CheckResult, Tip } from '../types';
import { withMore } from '../lazy';

let counter = 0;

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

export interface TipCallbacks {
  /** The learner closed the tip (close button, Escape, "Got it"). */
  onDismiss(how: 'close' | 'escape' | 'got_it'): void;
  /** The learner opened the learn-more link. */
  onLink(url: string): void;
  /** Answers the tip's check; absent when checks cannot be answered. */
  answer?(optionIds: string[], elapsedMs: number): Promise<CheckResult>;
}

/** The tip box with its title, close button, body and learn-more link. */
export function tipBox(doc: Document, tip: Tip, presentation: string, cls: string, cb: TipCallbacks): { box: HTMLElement; titleId: string } {
  const n = ++counter;
  const titleId = `inflow-title-${n}`;
  const box = el(doc, 'div', cls);
  box.setAttribute('data-inflow-tip', tip.id);
  box.setAttribute('data-presentation', presentation);
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-labelledby', titleId);
  box.setAttribute('aria-describedby', `inflow-body-${n}`);
  box.tabIndex = -1;
  if (tip.dir) box.dir = tip.dir;
  if (tip.locale) box.lang = tip.locale;
  const title = el(doc, 'h2', 'title', tip.title);
  title.id = titleId;
  const close = el(doc, 'button', 'close', '\u00d7');
  close.type = 'button';
  close.setAttribute('aria-label', 'Dismiss tip');
  close.setAttribute('data-inflow-dismiss', '');
  close.addEventListener('click', () => cb.onDismiss('close'));
  const body = el(doc, 'div', 'body');
  body.id = `inflow-body-${n}`;
  body.appendChild(buildContent(tip.body, doc));
  box.append(title, body);
  const check = tip.check;
  if (check && cb.answer) {
    // the check comes with the extra bundle; it takes this place when that is there
    const at = box.appendChild(doc.createTextNode(''));
    withMore((m) => at.replaceWith(m.renderCheck(doc, check, { answer: cb.answer!, onLink: cb.onLink })));
  }
  const url = tip.learnMore?.url ? safeUrl(tip.learnMore.url) : null;
  if (url) {
    const more = el(doc, 'a', 'more', tip.learnMore?.label || 'Learn more');
    more.href = url;
    more.target = '_blank';
    more.rel = 'noopener noreferrer';
    more.setAttribute('data-inflow-learn-more', '');
    box.appendChild(more);
  }
  // Links inside the body count as well; one listener sees them all.
  box.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (a && box.contains(a)) cb.onLink((a as HTMLAnchorElement).href);
  });
  box.appendChild(close);
  return { box, titleId };
}

/** Sets an attribute and returns the function that puts the old value back. */
export function setAttr(target: Element, name: string, value: string): () => void {
  const before = target.getAttribute(name);
  target.setAttribute(name, value);
  return () => {
    if (target.getAttribute(name) !== value) return; // the host changed it since; leave theirs
    if (before == null) target.removeAttribute(name);
    else target.setAttribute(name, before);
  };
}
