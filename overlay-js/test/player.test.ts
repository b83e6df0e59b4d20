// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { record } from '../src/anchor/record';
import { createPlayer, newer, nextPosition } from '../src/player';
import type { Player, PlayerContext, Saved } from '../src/player';
import type { CheckResult, Tip, Walkthrough, WalkthroughStep } from '../src/types';
import { showTooltip } from '../src/ui/tooltip';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('where a step leads', () => {
  const step: WalkthroughStep = { position: 2, title: 'Two', onPage: true, onRight: 4, onWrong: 1 };
  const result = (correct: boolean, action: 'continue' | 'learn_more' | 'repeat_step' = 'continue'): CheckResult =>
    ({ correct, options: [], next: { action } });

  it('goes on to the next step without an answer, and branches on a right or wrong one', () => {
    expect(nextPosition(step, null)).toBe(3);
    expect(nextPosition(step, result(true))).toBe(4);
    expect(nextPosition(step, result(false, 'learn_more'))).toBe(1);
    expect(nextPosition({ ...step, onRight: null, onWrong: null }, result(false, 'learn_more'))).toBe(3);
  });

  it('repeats the step when the check says repeat_step', () => {
    expect(nextPosition(step, result(false, 'repeat_step'))).toBe(2);
  });
});

describe('the newer progress wins', () => {
  const local: Saved = { step: 3, status: 'active', at: '2026-11-23T10:00:00.000Z' };
  it('keeps what this browser did later, and takes what the server has later or equally late', () => {
    expect(newer(local, { step: 2, status: 'active', updatedAt: '2026-11-23T09:00:00.000Z' })).toBe(local);
    expect(newer(local, { step: 1, status: 'closed', updatedAt: '2026-11-23T11:00:00.000Z' })).toEqual(
      { step: 1, status: 'closed', at: '2026-11-23T11:00:00.000Z', sent: true });
    expect(newer(undefined, null)).toBeUndefined();
    expect(newer(local, null)).toBe(local);
  });
});

describe('player', () => {
  let sent: { type: string; tipId: string; data?: Record<string, unknown> }[];
  let posts: { url: string; body: Record<string, unknown> }[];
  let online: boolean;
  let player: Player;
  let host: HTMLElement;
  let shadow: ShadowRoot;

  const tip = (id: string, anchor: unknown): Tip => ({ id, title: `Tip ${id}`, presentation: 'tooltip', anchor: anchor as Tip['anchor'], body: [] });
  const walkthrough = (steps: WalkthroughStep[], progress: Walkthrough['progress'] = null): Walkthrough =>
    ({ id: 'wt_1', title: 'Tour', startOn: 'page_load', steps, progress });

  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<button id="a">A</button><button id="b">B</button><div id="host"></div>';
    host = document.getElementById('host')!;
    shadow = host.attachShadow({ mode: 'open' });
    sent = [];
    posts = [];
    online = true;
    window.fetch = (async (url: string, init: RequestInit) => {
      if (!online) throw new TypeError('offline');
      posts.push({ url: String(url), body: JSON.parse(String(init.body)) });
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const ctx: PlayerContext = {
      config: { server: 'https://inflow.test', key: 'k' }, win: window, shadow: () => shadow, tooltip: showTooltip,
      send: (type, tipId, data) => sent.push({ type, tipId, data }), answer: async () => ({ correct: true, options: [], next: null }),
      refresh: async () => undefined, learner: () => 'u1', signature: () => undefined, waitMs: 200,
    };
    player = createPlayer(ctx);
  });
  afterEach(() => player.destroy());

  const steps = async (): Promise<WalkthroughStep[]> => [
    { position: 1, title: 'One', onPage: true, tip: tip('t1', await record(document.getElementById('a')!)) },
    { position: 2, title: 'Two', onPage: true, tip: tip('t2', await record(document.getElementById('b')!)) },
  ];
  const box = () => shadow.querySelector<HTMLElement>('[data-inflow-walkthrough]');

  it('starts a page_load walkthrough once, and a closed one stays closed on the next page view', async () => {
    const list = [walkthrough(await steps())];
    player.take(list, 'p1');
    await wait(20);
    expect(box()?.getAttribute('data-step')).toBe('1');
    expect(sent).toContainEqual({ type: 'step_viewed', tipId: 't1', data: { walkthroughId: 'wt_1', step: 1 } });
    box()!.querySelector<HTMLButtonElement>('[data-inflow-step="close"]')!.click();
    expect(box()).toBeNull();
    player.take(list, 'p2');
    await wait(20);
    expect(box()).toBeNull();
    expect(posts.map((p) => p.body.status)).toEqual(['active', 'closed']);
  });

  it('keeps progress made offline and sends it when the network returns', async () => {
    const list = [walkthrough(await steps())];
    online = false;
    player.take(list, 'p1');
    await wait(20);
    box()!.querySelector<HTMLButtonElement>('[data-inflow-step="next"]')!.click();
    await wait(20);
    expect(box()?.getAttribute('data-step')).toBe('2');
    const kept = JSON.parse(localStorage.getItem('inflow.walkthroughs.u1')!).wt_1;
    expect(kept).toMatchObject({ step: 2, status: 'active' });
    expect(kept.sent).toBeUndefined();
    expect(posts).toEqual([]);

    online = true;
    window.dispatchEvent(new Event('online'));
    await wait(20);
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe('https://inflow.test/api/v1/walkthroughs/wt_1/progress?key=k');
    expect(posts[0].body).toMatchObject({ learnerId: 'u1', step: 2, status: 'active', at: kept.at });
    expect(JSON.parse(localStorage.getItem('inflow.walkthroughs.u1')!).wt_1.sent).toBe(true);
  });

  it('resumes at the newer of the two progresses', async () => {
    const list = [walkthrough(await steps(), { step: 2, status: 'active', updatedAt: new Date(Date.now() + 60_000).toISOString() })];
    player.take(list, 'p1');
    await wait(20);
    expect(box()?.getAttribute('data-step')).toBe('2');
    expect(posts).toEqual([]); // the server's own progress is not sent back to it
  });

  it('skips a step whose element does not appear within the wait and reports it', async () => {
    const [first, second] = await steps();
    document.getElementById('a')!.remove();
    player.take([walkthrough([first, second])], 'p1');
    await wait(20);
    expect(box()).toBeNull(); // waiting for the element, without a timer loop
    await wait(300);
    expect(sent).toContainEqual(expect.objectContaining({ type: 'anchor_missing', tipId: 't1', data: expect.objectContaining({ walkthroughId: 'wt_1', step: 1 }) }));
    expect(box()?.getAttribute('data-step')).toBe('2');
  });

  it('shows a step that appears late, found by the DOM observer', async () => {
    const [first, second] = await steps();
    const a = document.getElementById('a')!;
    a.remove();
    player.take([walkthrough([first, second])], 'p1');
    await wait(50);
    document.body.prepend(a);
    await wait(50);
    expect(box()?.getAttribute('data-step')).toBe('1');
    expect(sent.some((e) => e.type === 'anchor_missing')).toBe(false);
  });

  it('points to the page of a step elsewhere, and completes after the last step', async () => {
    const [first] = await steps();
    const elsewhere: WalkthroughStep = { position: 2, title: 'On the list', url: '/list', onPage: false };
    player.take([walkthrough([first, elsewhere])], 'p1');
    await wait(20);
    box()!.querySelector<HTMLButtonElement>('[data-inflow-step="next"]')!.click();
    expect(box()?.textContent).toContain('step 2 of 2 continues on On the list');
    expect(box()?.querySelector('a')?.getAttribute('href')).toBe('/list');
    player.take([walkthrough([{ ...first, onPage: false, tip: null }, { ...elsewhere, onPage: true, tip: tip('t2', await record(document.getElementById('b')!)) }])], 'p2');
    await wait(20);
    expect(box()?.getAttribute('data-step')).toBe('2');
    expect(box()!.querySelector('[data-inflow-step="next"]')!.textContent).toBe('Done');
    box()!.querySelector<HTMLButtonElement>('[data-inflow-step="next"]')!.click();
    expect(sent).toContainEqual({ type: 'walkthrough_completed', tipId: 't2', data: { walkthroughId: 'wt_1' } });
    expect(localStorage.getItem('inflow.walking.u1')).toBe('""');
  });
});
