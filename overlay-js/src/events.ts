// The send queue: events batch up and go to the server by fetch (keepalive), or by sendBeacon when the page hides.
// Delivery is at least once: unsent events are kept in localStorage across page loads and the server
// drops ids it already has, so every event arrives exactly once.
import { readJson, writeJson } from './storage';
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
  /** What each batch tells the server about its learner: the host's signature of the id, the traits. */
  about?: (learnerId: string) => Record<string, unknown>;
  win?: Window;
  fetch?: typeof fetch;
  batchSize?: number;
  intervalMs?: number;
  /** How many unsent events localStorage keeps between page loads. */
  storeLimit?: number;
  random?: () => number;
}

export interface EventQueue {
  add(type: EventType, tipId: string, data?: Record<string, unknown>): InflowEvent;
  /** Sends what is queued now (by fetch). */
  flush(): Promise<void>;
  /** Keeps what is queued in localStorage, then sends it by sendBeacon (page hiding). */
  flushBeacon(): void;
  /** Events not yet accepted by the server. */
  pending(): readonly InflowEvent[];
  /** Events lost because the store was full, not yet reported to the server. */
  dropped(): number;
  destroy(): void;
}

/** An event with the learner it belongs to, fixed when it happened. */
interface Entry {
  l: string;
  e: InflowEvent;
}

interface Stored {
  entries: Entry[];
  dropped: number;
}

/** Batches stay at or below 50 kB (sendBeacon and keepalive share a 64 KiB budget). */
export const BATCH_BYTES = 50_000;
/** The server takes at most 500 events per batch. */
const MAX_EVENTS = 500;
export const MAX_BACKOFF_MS = 60_000;
/** The server refuses events older than 30 days; older stored ones are dropped (and counted). */
const MAX_AGE_MS = 29 * 24 * 3600_000;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const text = header?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff from one second, with ±20 % jitter so many pages do not retry in step; capped. */
export function backoffMs(failures: number, retryAfter: number | null, random: () => number): number {
  const base = retryAfter ?? 1000 * 2 ** Math.min(Math.max(failures - 1, 0), 6);
  return Math.round(Math.min(MAX_BACKOFF_MS, base) * (0.8 + random() * 0.4));
}

/** Merges entries by event id, oldest first; above the limit the oldest go. */
export function mergeEntries(a: readonly Entry[], b: readonly Entry[], limit: number): Stored {
  const byId = new Map<string, Entry>();
  for (const entry of [...a, ...b]) if (!byId.has(entry.e.id)) byId.set(entry.e.id, entry);
  const all = [...byId.values()].sort((x, y) => (x.e.at < y.e.at ? -1 : x.e.at > y.e.at ? 1 : 0));
  const dropped = Math.max(0, all.length - limit);
  return { entries: all.slice(dropped), dropped };
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry | null;
  return !!entry && typeof entry.l === 'string' && !!entry.e && typeof entry.e.id === 'string'
    && typeof entry.e.type === 'string' && typeof entry.e.at === 'string';
}

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const win = options.win ?? window;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => win.fetch(...args));
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 10;
  const intervalMs = options.intervalMs ?? 5000;
  const storeLimit = options.storeLimit ?? 500;
  const endpoint = `${options.server}/api/v1/events?key=${encodeURIComponent(options.key)}`;
  const storeKey = `inflow.unsent.${options.key}`;
  const storage = (): Storage => win.localStorage;
  const queue: Entry[] = [];
  let lost = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryAt = 0;
  let failures = 0;
  let sending = false;
  let destroyed = false;
  const encoder = new TextEncoder();

  const readStore = (): Stored => {
    const raw = readJson<Partial<Stored> | null>(storage, storeKey, null);
    const entries = Array.isArray(raw?.entries) ? raw!.entries.filter(isEntry) : [];
    return { entries, dropped: typeof raw?.dropped === 'number' && raw.dropped > 0 ? Math.floor(raw.dropped) : 0 };
  };
  const writeStore = (stored: Stored): void => {
    if (!stored.entries.length && !stored.dropped) {
      try { storage().removeItem(storeKey); } catch { /* storage unavailable */ }
    } else {
      writeJson(storage, storeKey, stored);
    }
  };

  const body = (learnerId: string, events: InflowEvent[], dropped: number): string =>
    JSON.stringify({ key: options.key, learnerId, ...options.about?.(learnerId), events, dropped: dropped || undefined });

  /** Splits entries into batches of one learner each, at most BATCH_BYTES and MAX_EVENTS. */
  const batches = (entries: Entry[]): Entry[][] => {
    const out: Entry[][] = [];
    let current: Entry[] = [];
    let size = 0;
    for (const entry of entries) {
      const base = encoder.encode(body(entry.l, [], 1_000_000)).length;
      const n = encoder.encode(JSON.stringify(entry.e)).length + 1;
      if (base + n > BATCH_BYTES) continue; // one oversized event can never be sent; it stays out of every batch
      if (current.length && (current[0].l !== entry.l || size + n > BATCH_BYTES || current.length >= MAX_EVENTS)) {
        out.push(current);
        current = [];
      }
      if (!current.length) size = base;
      current.push(entry);
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

  /** Takes acknowledged (or refused) events out of the queue and out of the store. */
  const remove = (done: Entry[]): void => {
    const ids = new Set(done.map((x) => x.e.id));
    for (let i = queue.length - 1; i >= 0; i--) if (ids.has(queue[i].e.id)) queue.splice(i, 1);
    const stored = readStore();
    if (stored.entries.some((x) => ids.has(x.e.id))) {
      writeStore({ entries: stored.entries.filter((x) => !ids.has(x.e.id)), dropped: stored.dropped });
    }
  };

  const backoff = (retryAfter: number | null): void => {
    failures++;
    const delay = backoffMs(failures, retryAfter, random);
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
      for (const batch of batches(queue.slice())) {
        const reporting = lost;
        let response: Response;
        try {
          response = await doFetch(endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain' },
            body: body(batch[0].l, batch.map((x) => x.e), reporting),
            keepalive: true,
            credentials: 'omit',
          });
        } catch {
          backoff(null);
          return; // no response: keep everything for the next attempt
        }
        if (response.ok) {
          failures = 0;
          lost -= reporting;
          remove(batch);
        } else if (response.status === 408 || response.status === 429 || response.status >= 500) {
          backoff(retryAfterMs(response.headers?.get?.('Retry-After') ?? null, Date.now()));
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

  /** Keeps the queue in localStorage, merged with what other pages of this origin left there. */
  const persist = (): void => {
    const stored = readStore();
    const merged = mergeEntries(stored.entries, queue, storeLimit);
    writeStore({ entries: merged.entries, dropped: stored.dropped + merged.dropped + lost });
    lost = 0;
    // what the store could not keep is lost here too, so it is counted once
    const kept = new Set(merged.entries.map((x) => x.e.id));
    for (let i = queue.length - 1; i >= 0; i--) if (!kept.has(queue[i].e.id)) queue.splice(i, 1);
  };

  const flushBeacon = (): void => {
    if (!queue.length) return;
    // a beacon accepted by the browser may still never reach the server, so it is kept until a later
    // page's fetch is acknowledged; the server skips ids it already has
    persist();
    const nav = win.navigator as Navigator & { sendBeacon?: Navigator['sendBeacon'] };
    if (typeof nav.sendBeacon !== 'function') {
      retryAt = 0;
      void flush();
      return;
    }
    for (const batch of batches(queue.slice())) {
      const sent = nav.sendBeacon(endpoint, new Blob([body(batch[0].l, batch.map((x) => x.e), 0)], { type: 'text/plain' }));
      if (!sent) break; // the browser refused (quota); the rest waits in the store
      for (const entry of batch) queue.splice(queue.indexOf(entry), 1);
    }
  };

  /** What earlier pages left unsent: taken into this queue (and out of the store's count) by id. */
  const restore = (): void => {
    const stored = readStore();
    if (!stored.entries.length && !stored.dropped) return;
    const oldest = Date.now() - MAX_AGE_MS;
    const fresh = stored.entries.filter((x) => Date.parse(x.e.at) >= oldest);
    const merged = mergeEntries(fresh, queue, storeLimit);
    queue.splice(0, queue.length, ...merged.entries);
    lost += stored.dropped + merged.dropped + (stored.entries.length - fresh.length);
    writeStore({ entries: queue.slice(), dropped: 0 });
    if (queue.length) schedule(0);
  };

  const onVisibility = (): void => {
    if (win.document.visibilityState === 'hidden') flushBeacon();
  };
  win.addEventListener('pagehide', flushBeacon);
  win.document.addEventListener('visibilitychange', onVisibility);
  restore();

  return {
    add(type, tipId, data) {
      const now = Date.now();
      const event: InflowEvent = { id: uuid(now), type, tipId, at: new Date(now).toISOString(), url: win.location.href };
      if (data) event.data = data;
      queue.push({ l: options.learnerId(), e: event });
      if (queue.length > storeLimit) {
        queue.shift(); // the server has been unreachable for long: the oldest goes, counted
        lost++;
      }
      if (queue.length >= batchSize) void flush();
      else schedule(intervalMs);
      return event;
    },
    flush,
    flushBeacon,
    pending: () => queue.map((x) => x.e),
    dropped: () => lost,
    destroy() {
      flushBeacon();
      destroyed = true;
      clearTimeout(timer!);
      win.removeEventListener('pagehide', flushBeacon);
      win.document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
