// The send queue: events batch up and go to the server by fetch (keepalive), or by sendBeacon when the page hides.
import type { EventType } from './types';
import { uuid } from './uuid';

export interface InflowEvent {
  id: string;
  type: EventType;
  tipId: string;
  at: string;
  url: string;
  data?: Record<string, unknown>;
}

export interface EventQueueOptions {
  /** Server origin, e.g. https://inflow.example.com */
  server: string;
  key: string;
  learnerId: () => string;
  win?: Window;
  fetch?: typeof fetch;
  batchSize?: number;
  intervalMs?: number;
}

export interface EventQueue {
  add(type: EventType, tipId: string, data?: Record<string, unknown>): InflowEvent;
  /** Sends what is queued now (by fetch). */
  flush(): Promise<void>;
  /** Sends what is queued by sendBeacon (page hiding). */
  flushBeacon(): void;
  /** Events not yet accepted by the server. */
  pending(): readonly InflowEvent[];
  destroy(): void;
}

/** sendBeacon and keepalive fetches share a 64 KiB budget; stay below it. */
const CHUNK_BYTES = 60_000;
/** The server takes at most 500 events per batch. */
const MAX_EVENTS = 500;
const MAX_BACKOFF_MS = 60_000;

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const win = options.win ?? window;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => win.fetch(...args));
  const batchSize = options.batchSize ?? 10;
  const intervalMs = options.intervalMs ?? 5000;
  const endpoint = `${options.server}/api/v1/events?key=${encodeURIComponent(options.key)}`;
  const queue: InflowEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryAt = 0;
  let failures = 0;
  let sending = false;
  let destroyed = false;
  const encoder = new TextEncoder();

  const body = (events: InflowEvent[]): string =>
    JSON.stringify({ key: options.key, learnerId: options.learnerId(), events });

  /** Splits events into bodies of at most CHUNK_BYTES. */
  const chunks = (events: InflowEvent[]): InflowEvent[][] => {
    const out: InflowEvent[][] = [];
    let current: InflowEvent[] = [];
    let size = encoder.encode(body([])).length;
    const base = size;
    for (const e of events) {
      const n = encoder.encode(JSON.stringify(e)).length + 1;
      if (current.length && (size + n > CHUNK_BYTES || current.length >= MAX_EVENTS)) {
        out.push(current);
        current = [];
        size = base;
      }
      if (base + n > CHUNK_BYTES) continue; // one oversized event can never be sent; drop it
      current.push(e);
      size += n;
    }
    if (current.length) out.push(current);
    return out;
  };

  const schedule = (delay: number): void => {
    if (destroyed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  };

  const remove = (sent: InflowEvent[]): void => {
    const ids = new Set(sent.map((e) => e.id));
    for (let i = queue.length - 1; i >= 0; i--) if (ids.has(queue[i].id)) queue.splice(i, 1);
  };

  const backoff = (retryAfter: string | null): void => {
    failures++;
    const seconds = retryAfter != null ? Number(retryAfter) : NaN;
    const base = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** Math.min(failures - 1, 6);
    const delay = Math.round(Math.min(MAX_BACKOFF_MS, base) * (0.8 + Math.random() * 0.4));
    retryAt = Date.now() + delay;
    schedule(delay);
  };

  async function flush(): Promise<void> {
    if (sending || destroyed || !queue.length) return;
    const wait = retryAt - Date.now();
    if (wait > 0) {
      schedule(wait); // still backing off; try when the wait is over
      return;
    }
    if (timer) { clearTimeout(timer); timer = null; }
    sending = true;
    try {
      for (const batch of chunks(queue.slice())) {
        let response: Response;
        try {
          response = await doFetch(endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain' },
            body: body(batch),
            keepalive: true,
            credentials: 'omit',
          });
        } catch {
          backoff(null);
          return; // network error: keep everything for the next attempt
        }
        if (response.ok) {
          failures = 0;
          remove(batch);
        } else if (response.status === 408 || response.status === 429 || response.status >= 500) {
          backoff(response.headers?.get?.('Retry-After') ?? null);
          return;
        } else {
          remove(batch); // the server refuses these events; sending them again will not help
        }
      }
    } finally {
      sending = false;
    }
    if (queue.length) schedule(intervalMs);
  }

  const flushBeacon = (): void => {
    if (!queue.length) return;
    const nav = win.navigator as Navigator & { sendBeacon?: Navigator['sendBeacon'] };
    if (typeof nav.sendBeacon !== 'function') {
      retryAt = 0;
      void flush();
      return;
    }
    for (const batch of chunks(queue.slice())) {
      const sent = nav.sendBeacon(endpoint, new Blob([body(batch)], { type: 'text/plain' }));
      if (!sent) break; // the browser refused (quota); keep the rest
      remove(batch);
    }
  };

  const onPageHide = (): void => flushBeacon();
  const onVisibility = (): void => {
    if (win.document.visibilityState === 'hidden') flushBeacon();
  };
  win.addEventListener('pagehide', onPageHide);
  win.document.addEventListener('visibilitychange', onVisibility);

  return {
    add(type, tipId, data) {
      const event: InflowEvent = { id: uuid(), type, tipId, at: new Date().toISOString(), url: win.location.href };
      if (data) event.data = data;
      queue.push(event);
      if (queue.length >= batchSize) void flush();
      else schedule(intervalMs);
      return event;
    },
    flush,
    flushBeacon,
    pending: () => queue.slice(),
    destroy() {
      flushBeacon();
      destroyed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      win.removeEventListener('pagehide', onPageHide);
      win.document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
