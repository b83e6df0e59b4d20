// Waits for an element that renders late: re-resolves when the page changes, gives up after a bound.
import { resolve } from './resolve';
import type { Fingerprint, ResolveResult } from './types';

export interface WaitOptions {
  root?: Document | ShadowRoot;
  /** How long to wait before answering with the last miss. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Resolves now, else after each batch of DOM changes, until found or `timeoutMs` passes. Never polls. */
export function waitFor(fp: Fingerprint, options: WaitOptions = {}): Promise<ResolveResult> {
  const root = options.root ?? document;
  const first = resolve(fp, root);
  if (first.ok || options.signal?.aborted) return Promise.resolve(first);
  return new Promise((done) => {
    let last: ResolveResult = first;
    let queued = false;
    const finish = (r: ResolveResult): void => {
      observer.disconnect();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      done(r);
    };
    const abort = (): void => finish(last);
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      // One resolve per burst of mutations (a framework render is many records).
      queueMicrotask(() => {
        queued = false;
        last = resolve(fp, root);
        if (last.ok) finish(last);
      });
    });
    const timer = setTimeout(() => finish(resolve(fp, root)), options.timeoutMs ?? 5000);
    options.signal?.addEventListener('abort', abort);
    observer.observe((root as Document).documentElement ?? root, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}
