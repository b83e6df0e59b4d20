// One throttled MutationObserver that finds anchors appearing late and notices anchored elements leaving.
import type { ResolveResult } from './anchor/index';
import { isVisible } from './anchor/index';

export interface Watched {
  /** Looks for the element (usually `resolve(fingerprint)`). */
  find(): ResolveResult;
  /** The element was found (again). */
  found(el: Element): void;
  /** The found element left the DOM or became hidden. */
  lost(): void;
  /** Still not found when the wait ran out; called at most once per watched item. */
  missing(miss: { reason: string; bestScore: number }): void;
}

export interface WatchOptions {
  /** How long an anchor may take to appear before it is reported missing. */
  waitMs?: number;
  /** Least time between two checks caused by DOM changes. */
  throttleMs?: number;
  /** A node whose own mutations are ignored (the overlay host). */
  ignore?: () => Node | null;
}

export interface Watch {
  add(key: string, item: Watched): void;
  remove(key: string): void;
  /** Checks everything now (after a navigation, say). */
  check(): void;
  destroy(): void;
}

interface Entry {
  item: Watched;
  el: Element | null;
  timer: ReturnType<typeof setTimeout> | null;
  last: { reason: string; bestScore: number };
}

export function createWatch(doc: Document, options: WatchOptions = {}): Watch {
  const waitMs = options.waitMs ?? 5000;
  const throttleMs = options.throttleMs ?? 120;
  const entries = new Map<string, Entry>();
  let pending: ReturnType<typeof setTimeout> | null = null;
  let observing = false;

  const checkEntry = (entry: Entry): void => {
    if (entry.el) {
      if (entry.el.isConnected && isVisible(entry.el)) return;
      entry.el = null;
      entry.item.lost();
    }
    const r = entry.item.find();
    if (r.ok) {
      entry.el = r.element;
      if (entry.timer) { clearTimeout(entry.timer); entry.timer = null; }
      entry.item.found(r.element);
    } else {
      entry.last = { reason: r.reason, bestScore: r.bestScore };
    }
  };

  const checkAll = (): void => {
    pending = null;
    for (const entry of Array.from(entries.values())) checkEntry(entry);
  };

  const observer = new MutationObserver((records) => {
    const ignored = options.ignore?.();
    if (ignored && records.every((r) => ignored === r.target || ignored.contains(r.target) || Array.from(r.addedNodes).concat(Array.from(r.removedNodes)).every((n) => n === ignored))) return;
    if (!pending) pending = setTimeout(checkAll, throttleMs);
  });

  const observe = (on: boolean): void => {
    if (on === observing) return;
    observing = on;
    if (on) {
      observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'id', 'style', 'hidden'] });
    } else {
      observer.disconnect();
      if (pending) { clearTimeout(pending); pending = null; }
    }
  };

  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entries.delete(key);
    if (!entries.size) observe(false);
  };

  return {
    add(key, item) {
      remove(key);
      const entry: Entry = { item, el: null, timer: null, last: { reason: 'not_found', bestScore: 0 } };
      entries.set(key, entry);
      observe(true);
      entry.timer = setTimeout(() => {
        entry.timer = null;
        if (entries.get(key) === entry && !entry.el) entry.item.missing(entry.last);
      }, waitMs);
      checkEntry(entry);
    },
    remove,
    check: checkAll,
    destroy() {
      for (const key of Array.from(entries.keys())) remove(key);
      observe(false);
    },
  };
}
