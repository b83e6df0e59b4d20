// The picker: highlights what the author points at, and on a click opens the form to pin a tip to it.

import type { Fingerprint, ResolveResult } from '../../../overlay-js/src/anchor/index.ts';
import type { PickerApi } from './api.ts';
import { describeElement } from './describe.ts';
import { Disposer } from './disposer.ts';
import { openForm } from './form.ts';
import { PICKER_CSS, applyStyles } from './styles.ts';
import { strengthSummary, type AnchorStrength } from './strength.ts';

export const HOST_ID = 'inflow-picker-host';
const PICK_MESSAGE = 'Inflow — click the element to pin a tip to · Esc to cancel';

export interface PickerOptions {
  doc?: Document;
  api: PickerApi;
  /** Records the anchor fingerprint of the picked element (the shared overlay recorder). */
  record: (el: Element) => Fingerprint;
  /** Finds a fingerprint again; used to warn when the recorded anchor would not lead back to the element. */
  resolve?: (fp: Fingerprint, root?: Document) => ResolveResult;
  /** Judges the recorded anchor before saving: unique, look-alikes, what carries it, warnings. */
  strength?: (el: Element, fp: Fingerprint) => AnchorStrength;
  /** Called after the form saved a tip (the preview then draws it). */
  onSaved?: () => void;
  /** Called once, after everything the picker attached is gone. */
  onStop?: () => void;
}

/**
 * Takes the next click instead of the tip form (re-pinning a tip, recording a walkthrough step); answers what the bar
 * says afterwards. `passThrough`: the click then goes on to the page, so a recorded link still navigates.
 */
export interface PickHandler {
  message: string;
  passThrough?: boolean;
  /** Keeps taking clicks after the first (recording); otherwise the picker goes back to pinning tips. */
  repeat?: boolean;
  take(el: Element, anchor: Fingerprint | null): Promise<string>;
}

export interface Picker {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Hands the next click (or every click, `repeat`) to `handler`; null goes back to pinning tips. */
  handOver(handler: PickHandler | null): void;
  /** Elements the picker draws besides its own host (the drafts it previews in place): never picked. */
  own(element: Element): () => void;
  /** Says something in the picker's bar. */
  say(text: string): void;
  stop(): void;
}

/** Events the host page must not see while the author is choosing an element. */
const SWALLOWED = ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'touchstart', 'touchend'] as const;

export function startPicker(options: PickerOptions): Picker {
  const doc = options.doc ?? document;
  const win = doc.defaultView ?? window;
  const disposer = new Disposer();
  let pickMode: Disposer | null = null;
  let current: Element | null = null;

  const host = doc.createElement('div');
  host.id = HOST_ID;
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root, PICKER_CSS);
  const ui = doc.createElement('div');
  ui.className = 'ui';
  root.appendChild(ui);

  const bar = doc.createElement('div');
  bar.id = 'inflow-picker-bar';
  bar.setAttribute('role', 'status');
  const message = doc.createElement('span');
  message.className = 'message';
  message.textContent = PICK_MESSAGE;
  const barCancel = doc.createElement('button');
  barCancel.type = 'button';
  barCancel.textContent = 'Cancel';
  barCancel.addEventListener('click', () => stop());
  bar.append(message, barCancel);

  const highlight = doc.createElement('div');
  highlight.id = 'inflow-highlight';
  highlight.setAttribute('aria-hidden', 'true');
  const label = doc.createElement('div');
  label.id = 'inflow-highlight-label';
  highlight.appendChild(label);

  ui.append(highlight, bar);
  (doc.body ?? doc.documentElement).appendChild(host);
  disposer.add(() => host.remove());

  // Keys typed into the picker's own fields stay with the picker, so host shortcuts do not fire.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    disposer.listen(host, type, (event) => event.stopPropagation());
  }

  const ownHosts = new Set<Element>([host]);
  const isOwn = (event: Event): boolean => event.composedPath().some((node) => ownHosts.has(node as Element));
  let handler: PickHandler | null = null;
  /** The element whose click a pass-through handler sends on to the page, once. */
  let letThrough: Element | null = null;

  // composedPath()[0] reaches into open shadow roots; nodeType (not instanceof) also accepts elements of same-origin frames
  function targetOf(event: Event): Element | null {
    const first = event.composedPath()[0] ?? event.target;
    return first && (first as Node).nodeType === 1 ? (first as Element) : null;
  }

  /** Where the element's frame sits in the top page (0, 0 for the page itself). */
  function frameOffset(el: Element): { x: number; y: number } {
    let x = 0;
    let y = 0;
    for (let view: Window | null = el.ownerDocument.defaultView; view && view !== win; view = view.parent) {
      const frame = view.frameElement;
      if (!frame) break;
      const box = frame.getBoundingClientRect();
      x += box.left + frame.clientLeft;
      y += box.top + frame.clientTop;
    }
    return { x, y };
  }

  function place(): void {
    if (!current || !current.isConnected) {
      highlight.style.display = 'none';
      return;
    }
    const inner = current.getBoundingClientRect();
    const offset = frameOffset(current);
    const box = { left: inner.left + offset.x, top: inner.top + offset.y, width: inner.width, height: inner.height };
    highlight.style.display = 'block';
    highlight.style.left = `${box.left - 2}px`;
    highlight.style.top = `${box.top - 2}px`;
    highlight.style.width = `${box.width + 4}px`;
    highlight.style.height = `${box.height + 4}px`;
    highlight.classList.toggle('below', box.top < 64);
  }

  let framePending = false;
  function schedulePlace(): void {
    if (framePending) return;
    framePending = true;
    disposer.frame(() => {
      framePending = false;
      place();
    });
  }

  function select(el: Element | null): void {
    if (!el || Array.from(ownHosts).some((own) => own === el || own.contains(el))) return;
    current = el;
    label.textContent = describeElement(el);
    place();
  }

  /** A click in pick mode: the tip form, or the handler that took over. */
  function choose(el: Element): void {
    const taking = handler;
    if (!taking) {
      pin(el);
      return;
    }
    if (!taking.repeat) handler = null;
    current = el;
    label.textContent = describeElement(el);
    place();
    const { anchor } = recordAnchor(el);
    message.textContent = 'Inflow — saving…';
    taking.take(el, anchor).then((text) => {
      if (disposer.isDisposed) return;
      message.textContent = text;
      if (taking.passThrough && el.isConnected) {
        letThrough = el;
        (el as HTMLElement).click?.();
        letThrough = null;
      }
    }, (error: unknown) => {
      if (!disposer.isDisposed) message.textContent = `Inflow — ${error instanceof Error ? error.message : String(error)}`;
    });
  }

  function pin(el: Element): void {
    current = el;
    pickMode?.dispose();
    pickMode = null;
    highlight.classList.add('pinned');
    label.textContent = describeElement(el);
    place();
    const { anchor, warning } = recordAnchor(el);
    let judged: AnchorStrength | null = null;
    try {
      judged = anchor && options.strength ? options.strength(el, anchor) : null;
    } catch {
      judged = null;
    }
    message.textContent = `Inflow — pin a tip to ${describeElement(el)} · Esc to cancel`;
    const box = el.getBoundingClientRect();
    openForm({
      doc,
      win,
      parent: ui,
      api: options.api,
      disposer,
      anchor,
      anchorWarning: judged ? judged.warnings.join(' ') || null : warning,
      anchorStrength: judged ? strengthSummary(judged) : null,
      target: describeElement(el),
      preferLeft: box.left + box.width / 2 > win.innerWidth / 2,
      onClose: stop,
      onSaved: () => {
        message.textContent = 'Inflow — tip saved';
        options.onSaved?.();
      },
    });
  }

  function recordAnchor(el: Element): { anchor: Fingerprint | null; warning: string | null } {
    let anchor: Fingerprint;
    try {
      anchor = options.record(el);
    } catch {
      return { anchor: null, warning: 'This element could not be recorded; pick another one or save as a modal.' };
    }
    if (!options.resolve) return { anchor, warning: null };
    try {
      const found = options.resolve(anchor, doc);
      if (found.ok && found.element === el) return { anchor, warning: null };
    } catch {
      // treat like not found
    }
    return {
      anchor,
      warning: 'Inflow may not find this element again reliably; a nearby element with a label or text is a safer anchor.',
    };
  }

  function startPickMode(): void {
    const mode = new Disposer();
    pickMode = mode;
    disposer.add(() => mode.dispose());
    for (const target of documents) listenIn(mode, target);
  }

  function listenIn(mode: Disposer, doc: Document): void {
    const hover = (event: Event): void => {
      if (!isOwn(event)) select(targetOf(event));
    };
    mode.listen(doc, 'mousemove', hover, { capture: true, passive: true });
    mode.listen(doc, 'mouseover', hover, { capture: true, passive: true });
    for (const type of SWALLOWED) {
      mode.listen(doc, type, (event) => {
        if (isOwn(event)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      }, { capture: true });
    }
    mode.listen(doc, 'click', (event) => {
      if (isOwn(event)) return;
      const el = targetOf(event);
      if (letThrough && el && (el === letThrough || letThrough.contains(el))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (el) choose(el);
    }, { capture: true });
    mode.listen(doc, 'keydown', (event) => {
      if (isOwn(event) || event.key === 'Escape') return;
      if (event.key === 'ArrowUp' && current) {
        // out of a shadow root, ArrowUp goes to its host
        const root = current.getRootNode();
        const parent = current.parentElement ?? (root.nodeType === 11 ? (root as ShadowRoot).host ?? null : null);
        if (parent && parent !== doc.documentElement) select(parent);
      } else if (event.key === 'ArrowDown' && current) {
        select(current.firstElementChild);
      } else if (event.key === 'Enter' && current) {
        choose(current);
      } else {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
    }, { capture: true });
  }

  const documents = [doc, ...sameOriginFrames(doc)];
  for (const target of documents) {
    disposer.listen(target, 'keydown', (event) => {
      if ((event as KeyboardEvent).key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      stop();
    }, { capture: true });
  }
  disposer.listen(win, 'scroll', schedulePlace, { capture: true, passive: true });
  disposer.listen(win, 'resize', schedulePlace, { passive: true });

  startPickMode();

  function stop(): void {
    if (disposer.isDisposed) return;
    disposer.dispose();
    current = null;
    options.onStop?.();
  }

  function handOver(next: PickHandler | null): void {
    handler = next;
    message.textContent = next ? next.message : PICK_MESSAGE;
    if (!pickMode && !disposer.isDisposed) {
      highlight.classList.remove('pinned');
      startPickMode();
    }
  }

  function own(element: Element): () => void {
    ownHosts.add(element);
    return () => ownHosts.delete(element);
  }

  const say = (text: string): void => {
    message.textContent = text;
  };

  return { host, root, handOver, own, say, stop };
}

/** The documents of same-origin iframes, nested ones too; cross-origin frames cannot be read and are skipped. */
export function sameOriginFrames(doc: Document, depth = 0): Document[] {
  if (depth > 3) return [];
  const found: Document[] = [];
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument;
    } catch {
      inner = null;
    }
    if (inner?.documentElement) found.push(inner, ...sameOriginFrames(inner, depth + 1));
  }
  return found;
}
