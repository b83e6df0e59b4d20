// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, createEventQueue, MAX_BACKOFF_MS, mergeEntries, retryAfterMs } from '../src/events';
import type { EventQueue } from '../src/events';

const ok = () => new Response('{"accepted":1,"duplicates":0}', { status: 200 });

let queue: EventQueue | null = null;
function teardown(): void {
  queue?.destroy();
  queue = null;
  vi.useRealTimers();
  delete (navigator as { sendBeacon?: unknown }).sendBeacon;
  localStorage.clear();
}

describe('event queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(teardown);

  it('sends a batch when ten events are queued, as text/plain with keepalive', async () => {
    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u-42', fetch });
    for (let i = 0; i < 9; i++) queue.add('tip_shown', `tip_${i}`);
    expect(fetch).not.toHaveBeenCalled();
    queue.add('tip_shown', 'tip_9');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://inflow.test/api/v1/events?key=K1');
    expect(init.keepalive).toBe(true);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/plain');
    const body = JSON.parse(init.body as string);
    expect(body.key).toBe('K1');
    expect(body.learnerId).toBe('u-42');
    expect(body.events).toHaveLength(10);
    expect(body.events[0]).toMatchObject({ type: 'tip_shown', tipId: 'tip_0', url: location.href });
    expect(body.events[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(body.events[0].at).toISOString()).toBe(body.events[0].at);
    await vi.waitFor(() => expect(queue!.pending()).toHaveLength(0));
  });

  it('sends fewer than ten after five seconds', async () => {
    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    queue.add('tip_dismissed', 'tip_a', { how: 'close' });
    await vi.advanceTimersByTimeAsync(4900);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string).events[0].data).toEqual({ how: 'close' });
  });

  it('keeps events after a failed fetch and sends them again later', async () => {
    const fetch = vi.fn()
      .mockRejectedValueOnce(new TypeError('network down'))
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValue(ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    const sent = queue.add('tip_shown', 'tip_a');
    await queue.flush();
    expect(queue.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(queue.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(queue.pending()).toHaveLength(0);
    const ids = fetch.mock.calls.map((c) => JSON.parse((c as [string, RequestInit])[1].body as string).events[0].id);
    expect(new Set(ids)).toEqual(new Set([sent.id]));
  });

  it('drops a batch the server refuses with 4xx', async () => {
    const fetch = vi.fn(async () => new Response('', { status: 422 }));
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    queue.add('tip_shown', 'tip_a');
    await queue.flush();
    expect(queue.pending()).toHaveLength(0);
  });

  it('uses sendBeacon with a text/plain body on pagehide', async () => {
    const beacon = vi.fn((_url: string, _data: Blob) => true);
    (navigator as { sendBeacon?: unknown }).sendBeacon = beacon;
    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u-1', fetch });
    queue.add('tip_shown', 'tip_a');
    queue.add('link_opened', 'tip_a', { url: 'https://wiki' });
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalledTimes(1);
    const [url, blob] = beacon.mock.calls[0];
    expect(url).toBe('https://inflow.test/api/v1/events?key=K1');
    expect(blob.type).toBe('text/plain');
    const body = JSON.parse(await blob.text());
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['tip_shown', 'link_opened']);
    expect(queue.pending()).toHaveLength(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('splits a large page-hide flush into beacons of at most 50 kB', () => {
    const sizes: number[] = [];
    (navigator as { sendBeacon?: unknown }).sendBeacon = (_u: string, b: Blob) => { sizes.push(b.size); return true; };
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch: vi.fn(), batchSize: 10_000 });
    for (let i = 0; i < 300; i++) queue.add('anchor_missing', 'tip_a', { reason: 'not_found', pad: 'x'.repeat(400) });
    document.dispatchEvent(new Event('visibilitychange')); // visible: nothing yet
    expect(sizes).toHaveLength(0);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(sizes.length).toBeGreaterThan(1);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(50_000);
  });

  it('removes its listeners and timers on teardown', async () => {
    const beacon = vi.fn(() => true);
    (navigator as { sendBeacon?: unknown }).sendBeacon = beacon;
    const fetch = vi.fn(async () => ok());
    const q = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    q.destroy();
    q.add('tip_shown', 'tip_a');
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(beacon).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});

type Call = [string, RequestInit];
const bodies = (fetch: { mock: { calls: unknown[][] } }) =>
  fetch.mock.calls.map((c) => JSON.parse(((c as unknown as Call)[1].body as string)));
const STORE = 'inflow.unsent.K1';

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('backs off exponentially with jitter of at most a fifth, and never beyond the cap', () => {
    expect(backoffMs(1, null, () => 0.5)).toBe(1000);
    expect(backoffMs(4, null, () => 0.5)).toBe(8000);
    expect(backoffMs(3, null, () => 0)).toBe(3200);
    expect(backoffMs(3, null, () => 1)).toBe(4800);
    expect(backoffMs(30, null, () => 0.5)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(1, 3_600_000, () => 1)).toBe(MAX_BACKOFF_MS * 1.2);
    expect(backoffMs(1, 10_000, () => 0.5)).toBe(10_000);
  });
});

describe('event queue under failure', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(teardown);

  it('waits as long as a 429 Retry-After asks before sending again', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response('', { status: 429, headers: { 'Retry-After': '30' } }))
      .mockResolvedValue(ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch, random: () => 0.5 });
    queue.add('tip_shown', 'tip_a');
    await queue.flush();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(queue.pending()).toHaveLength(0);
  });

  it('caps a huge Retry-After and retries 408 like 5xx', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response('', { status: 503, headers: { 'Retry-After': '86400' } }))
      .mockResolvedValueOnce(new Response('', { status: 408 }))
      .mockResolvedValue(ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch, random: () => 1 });
    queue.add('tip_shown', 'tip_a');
    await queue.flush();
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF_MS * 1.2 + 10);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(queue.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(queue.pending()).toHaveLength(0);
  });

  it('sends batches of at most 50 kB by fetch, each event once', async () => {
    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch, batchSize: 10_000 });
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(queue.add('anchor_missing', 'tip_a', { pad: 'q'.repeat(900) }).id);
    await queue.flush();
    expect(fetch.mock.calls.length).toBeGreaterThan(3);
    for (const c of fetch.mock.calls) expect(new TextEncoder().encode((c as unknown as Call)[1].body as string).length).toBeLessThanOrEqual(50_000);
    const sent = bodies(fetch).flatMap((b) => b.events.map((e: { id: string }) => e.id));
    expect(sent).toHaveLength(200);
    expect(new Set(sent)).toEqual(ids);
  });

  it('keeps each event with the learner it happened to', async () => {
    const fetch = vi.fn(async () => ok());
    let learner = 'anon-1';
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => learner, fetch });
    queue.add('tip_shown', 'tip_a');
    learner = 'user-42';
    queue.add('tip_shown', 'tip_b');
    await queue.flush();
    expect(bodies(fetch).map((b) => [b.learnerId, b.events.map((e: { tipId: string }) => e.tipId)]))
      .toEqual([['anon-1', ['tip_a']], ['user-42', ['tip_b']]]);
  });

  it('keeps unsent events in localStorage when the page hides and sends them from the next page', async () => {
    const failing = vi.fn(async () => { throw new TypeError('offline'); });
    (navigator as { sendBeacon?: unknown }).sendBeacon = vi.fn(() => true);
    const first = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u-1', fetch: failing });
    const a = first.add('tip_shown', 'tip_a');
    const b = first.add('tip_dismissed', 'tip_a', { how: 'close' });
    await first.flush();
    window.dispatchEvent(new Event('pagehide'));
    first.destroy();
    expect(JSON.parse(localStorage.getItem(STORE)!).entries.map((x: { e: { id: string } }) => x.e.id)).toEqual([a.id, b.id]);

    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u-2', fetch });
    await vi.advanceTimersByTimeAsync(10);
    expect(bodies(fetch)).toHaveLength(1);
    expect(bodies(fetch)[0].learnerId).toBe('u-1');
    expect(bodies(fetch)[0].events).toEqual([a, b]);
    expect(localStorage.getItem(STORE)).toBeNull();
  });

  it('merges stored events by id with what another page left', () => {
    (navigator as { sendBeacon?: unknown }).sendBeacon = vi.fn(() => false);
    const fetch = vi.fn(async () => ok());
    const one = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    one.add('tip_shown', 'tip_a');
    const two = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch });
    two.add('tip_shown', 'tip_b');
    one.flushBeacon();
    two.flushBeacon();
    one.flushBeacon();
    one.destroy();
    two.destroy();
    const stored = JSON.parse(localStorage.getItem(STORE)!);
    expect(stored.entries.map((x: { e: { tipId: string } }) => x.e.tipId).sort()).toEqual(['tip_a', 'tip_b']);
    expect(stored.dropped).toBe(0);
  });

  it('bounds the store: the oldest events go first and are counted to the server', async () => {
    (navigator as { sendBeacon?: unknown }).sendBeacon = vi.fn(() => false);
    const failing = vi.fn(async () => { throw new TypeError('offline'); });
    const first = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch: failing, storeLimit: 5, batchSize: 100 });
    const made = [];
    for (let i = 0; i < 8; i++) {
      made.push(first.add('tip_shown', `tip_${i}`));
      vi.advanceTimersByTime(1000);
    }
    first.flushBeacon();
    first.destroy();
    const fetch = vi.fn(async () => ok());
    queue = createEventQueue({ server: 'https://inflow.test', key: 'K1', learnerId: () => 'u', fetch, storeLimit: 5 });
    expect(queue.dropped()).toBe(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(bodies(fetch)[0].events.map((e: { tipId: string }) => e.tipId)).toEqual(['tip_3', 'tip_4', 'tip_5', 'tip_6', 'tip_7']);
    expect(bodies(fetch)[0].dropped).toBe(3);
    expect(queue.dropped()).toBe(0);
  });

  it('merges entries by id, oldest first, dropping the oldest over the limit', () => {
    const entry = (id: string, at: string) => ({ l: 'u', e: { id, type: 'tip_shown' as const, tipId: 't', at, url: '/' } });
    const merged = mergeEntries([entry('b', '2026-01-02'), entry('a', '2026-01-01')], [entry('b', '2026-01-02'), entry('c', '2026-01-03')], 2);
    expect(merged.entries.map((x) => x.e.id)).toEqual(['b', 'c']);
    expect(merged.dropped).toBe(1);
  });
});
