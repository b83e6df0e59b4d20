// Owns everything the picker attaches (listeners, timers, elements, requests) and removes it all at once.

export class Disposer {
  private cleanups = new Set<() => void>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Registers a cleanup (if already disposed, runs it at once); answers a function that forgets it again. */
  add(cleanup: () => void): () => void {
    if (this.disposed) {
      cleanup();
      return () => undefined;
    }
    this.cleanups.add(cleanup);
    return () => {
      this.cleanups.delete(cleanup);
    };
  }

  listen<K extends keyof DocumentEventMap>(
    target: Document, type: K, handler: (event: DocumentEventMap[K]) => void, options?: AddEventListenerOptions,
  ): void;
  listen(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
  listen(target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions): void {
    const listener = handler as unknown as EventListener;
    target.addEventListener(type, listener, options);
    this.add(() => target.removeEventListener(type, listener, options));
  }

  timeout(callback: () => void, ms: number): () => void {
    let forget = (): void => undefined;
    const id = setTimeout(() => {
      forget();
      callback();
    }, ms);
    const clear = (): void => {
      clearTimeout(id);
      forget();
    };
    forget = this.add(() => clearTimeout(id));
    return clear;
  }

  frame(callback: () => void): void {
    if (typeof requestAnimationFrame !== 'function') {
      this.timeout(callback, 16);
      return;
    }
    let forget = (): void => undefined;
    const id = requestAnimationFrame(() => {
      forget();
      callback();
    });
    forget = this.add(() => cancelAnimationFrame(id));
  }

  /** Runs every cleanup, newest first. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const cleanups = Array.from(this.cleanups).reverse();
    this.cleanups.clear();
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // one failing cleanup must not keep the others from running
      }
    }
  }
}

/** A debounced call whose pending timer belongs to a disposer. */
export function debounce(disposer: Disposer, ms: number, callback: () => void): () => void {
  let clear: (() => void) | null = null;
  return () => {
    clear?.();
    clear = disposer.timeout(() => {
      clear = null;
      callback();
    }, ms);
  };
}
