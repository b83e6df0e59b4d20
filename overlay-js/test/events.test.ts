// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventQueue } from '../src/events';
import type { EventQueue } from '../src/events';

const ok = () => new Response('{"accepted":1,"duplicates":0}', { status: 200 });

describe('event queue', () => {
  let queue: EventQueue | null = null;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    queue?.destroy();
    queue = null;
    vi.useRealTimers();
    delete (navigator as { sendBeacon?: unknown }).sendBeacon;
  });

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

  it('splits a large page-hide flush into beacons of at most 60 kB', () => {
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
    for (const s of sizes) expect(s).toBeLessThanOrEqual(60_000);
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
