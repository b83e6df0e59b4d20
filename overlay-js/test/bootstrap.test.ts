// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig, replay, start } from '../src/index';

const delivery = (tips: unknown[]) => new Response(JSON.stringify({ app: { id: 'app_x', name: 'Demo' }, tips }), { status: 200, headers: { ETag: '"v1"' } });
const tip = (id: string) => ({ id, title: id, presentation: 'modal', anchor: null, body: ['hi'], version: 1 });

describe('bootstrap', () => {
  afterEach(() => { document.body.innerHTML = ''; document.head.innerHTML = ''; history.replaceState(null, '', '/'); sessionStorage.clear(); });

  it('reads the site key and server origin from the script tag', () => {
    document.head.innerHTML = '<script data-key="K1" data-nonce="n0" src="https://inflow.example.com/inflow.js"></script>';
    expect(readConfig(document)).toEqual({ key: 'K1', server: 'https://inflow.example.com', nonce: 'n0', launcher: 'bottom-right' });
    document.head.innerHTML = '<script data-key="K1" data-launcher="hidden" src="https://inflow.example.com/inflow.js"></script>';
    expect(readConfig(document)!.launcher).toBe('hidden');
  });

  it('sends the host-signed learner id with delivery and events, and never another learner\'s signature', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => (url.includes('/delivery') ? delivery([tip('tip_s')]) : new Response('{}')));
    window.fetch = fetch as unknown as typeof window.fetch;
    const api = start({ key: 'K1', server: 'https://inflow.test', nonce: null });
    api.identify('u-7', {}, { signature: 'ab12' });
    await api.refresh();
    const url = fetch.mock.calls.filter((c) => c[0].includes('/delivery')).at(-1)![0];
    expect(url).toContain('&learner=u-7&learnerSignature=ab12');
    api.identify('u-8', {});
    await api.refresh();
    expect(fetch.mock.calls.filter((c) => c[0].includes('/delivery')).at(-1)![0]).not.toContain('learnerSignature');
    api.destroy();
    const bodies = fetch.mock.calls.filter((c) => c[0].includes('/events')).map((c) => JSON.parse(c[1]!.body as string));
    expect(bodies.find((b) => b.learnerId === 'u-7')!.learnerSignature).toBe('ab12');
    expect(bodies.filter((b) => b.learnerId === 'u-8').every((b) => b.learnerSignature === undefined)).toBe(true);
  });

  it('replays the stub queue, fetches delivery per page, and tears everything down', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      url.includes('/delivery') ? delivery(url.includes(encodeURIComponent('/b')) ? [tip('tip_b')] : [tip('tip_a')]) : new Response('{}'));
    window.fetch = fetch as unknown as typeof window.fetch;
    const originalPush = history.pushState;
    const api = start({ key: 'K1', server: 'https://inflow.test', nonce: null });
    replay({ q: [['identify', ['u-42', { role: 'sales' }]]] }, api);
    await api.refresh();
    const root = () => document.getElementById('inflow-overlay-root')?.shadowRoot;
    expect(root()!.querySelector('[data-inflow-tip="tip_a"]')).not.toBeNull();
    expect(fetch.mock.calls[0][0]).toBe(`https://inflow.test/api/v1/delivery?key=K1&url=${encodeURIComponent(location.href)}&lang=${encodeURIComponent(navigator.language)}&learner=u-42`);
    expect(fetch.mock.calls[0][1]!.credentials).toBe('omit');

    history.pushState(null, '', '/b');
    await vi.waitFor(() => expect(root()!.querySelector('[data-inflow-tip="tip_b"]')).not.toBeNull());
    expect(root()!.querySelector('[data-inflow-tip="tip_a"]')).toBeNull();

    await api.refresh(); // same URL again: revalidates with the remembered ETag
    const last = fetch.mock.calls.filter((c) => c[0].includes('/delivery')).at(-1)!;
    expect((last[1]!.headers as Record<string, string>)['If-None-Match']).toBe('"v1"');

    api.destroy();
    expect(history.pushState).toBe(originalPush);
    expect(document.getElementById('inflow-overlay-root')).toBeNull();
    const events = fetch.mock.calls.filter((c) => c[0].includes('/events'));
    const body = JSON.parse(events.at(-1)![1]!.body as string);
    expect(body.learnerId).toBe('u-42');
    // one page view per page and per SPA navigation (by path), the revalidation of the same page is none
    expect(body.events.map((e: { type: string; tipId: string }) => `${e.type}:${e.tipId}`))
      .toEqual(['page_viewed:', 'tip_shown:tip_a', 'page_viewed:', 'tip_shown:tip_b']);
    expect(body.events.filter((e: { type: string }) => e.type === 'page_viewed').map((e: { data: { path: string } }) => e.data.path)).toEqual(['/', '/b']);
    // the learner's text traits go once per batch, not per event
    expect(body.traits).toEqual({ role: 'sales' });
    expect(body.events.every((e: Record<string, unknown>) => !('traits' in e))).toBe(true);
  });

  it('sends only short text traits, and none of a learner identified before', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => (url.includes('/delivery') ? delivery([tip('tip_t')]) : new Response('{}')));
    window.fetch = fetch as unknown as typeof window.fetch;
    const api = start({ key: 'K1', server: 'https://inflow.test', nonce: null });
    api.identify('u-1', { team: 'support', admin: true, bio: 'x'.repeat(201) });
    await api.refresh();
    api.identify('u-2', { team: 'sales' });
    history.pushState(null, '', '/c?secret=1#top');
    await api.refresh();
    api.destroy();
    const bodies = fetch.mock.calls.filter((c) => c[0].includes('/events')).map((c) => JSON.parse(c[1]!.body as string));
    expect(bodies.filter((b) => b.learnerId === 'u-1').map((b) => b.traits)).toEqual([{ team: 'support' }]);
    expect(bodies.filter((b) => b.learnerId === 'u-2').map((b) => b.traits)).toEqual([{ team: 'sales' }]);
    expect(bodies.flatMap((b) => b.events).filter((e) => e.type === 'page_viewed').map((e) => e.data.path)).toEqual(['/', '/c']);
  });

  it('gives an anonymous learner a persisted anon id', async () => {
    localStorage.clear();
    const bodies: string[] = [];
    window.fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes('/events')) bodies.push(init!.body as string);
      return url.includes('/delivery') ? delivery([tip('tip_c')]) : new Response('{}');
    }) as unknown as typeof window.fetch;
    const api = start({ key: 'K1', server: 'https://inflow.test', nonce: null });
    await api.refresh();
    api.destroy();
    const id = JSON.parse(bodies[0]).learnerId as string;
    expect(id).toMatch(/^anon-[0-9a-f-]{36}$/);
    expect(JSON.parse(localStorage.getItem('inflow.anonymousId')!)).toBe(id);
  });
});
