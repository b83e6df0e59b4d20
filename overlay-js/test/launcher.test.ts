// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../src/launcher';
import type { Screen, Tip } from '../src/types';

const tip = (id: string): Tip => ({ id, title: `Title ${id}`, presentation: 'tooltip', anchor: null, body: [], version: 1 });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('launcher', () => {
  let shadow: ShadowRoot;
  let stop: () => void;
  let searched: string[];
  let chosen: string[];
  let screen: Screen;
  const start = (position: string) => {
    stop = createLauncher(document, {
      position, shadow: () => shadow, pageTips: () => [tip('here')],
      search: async (q) => { searched.push(q); return q === 'none' || q.includes('<') ? [] : [tip('found')]; },
      mastery: async () => screen,
      mine: (tips) => tips.filter((t) => t.id !== 'not-mine'),
      choose: (t) => chosen.push(t.id),
    });
  };
  beforeEach(() => {
    document.body.innerHTML = '<div id="host"></div>';
    shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    searched = [];
    chosen = [];
    screen = {};
  });
  afterEach(() => stop());

  it('opens from its button with the page tips, searches once the typing settles, and shows the choice', async () => {
    start('bottom-left');
    const button = shadow.querySelector<HTMLButtonElement>('.launcher')!;
    expect(button.classList.contains('bottom-left')).toBe(true);
    button.click();
    const panel = shadow.querySelector('.panel')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(shadow.activeElement).toBe(panel.querySelector('input'));
    expect(Array.from(panel.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['Title here']);
    const input = panel.querySelector('input')!;
    for (const q of ['i', 'in', 'inv']) { input.value = q; input.dispatchEvent(new Event('input')); }
    await wait(400);
    expect(searched).toEqual(['inv']);
    panel.querySelector<HTMLButtonElement>('li button')!.click();
    expect(chosen).toEqual(['found']);
    expect(shadow.querySelector('.panel')).toBeNull();
  });

  it('says when nothing is found, closes on Escape, and opens from Alt+Shift+H even when hidden', async () => {
    start('hidden');
    expect(shadow.querySelector('.launcher')).toBeNull();
    document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', altKey: true, shiftKey: true }));
    const input = shadow.querySelector<HTMLInputElement>('.panel input')!;
    input.value = 'none';
    input.dispatchEvent(new Event('input'));
    await wait(400);
    expect(shadow.querySelector('.panel li')!.textContent).toBe('No tips found for “none”');
    shadow.querySelector('.panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(shadow.querySelector('.panel')).toBeNull();
    stop();
    document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', altKey: true, shiftKey: true }));
    expect(shadow.querySelector('.panel')).toBeNull();
    stop = () => undefined;
  });

  it('shows what the learner knows about the screen, counting only their tips, and opens a due review', async () => {
    const item = (tipId: string, seen: boolean, hasCheck: boolean, lastAnswer: string | null, reviewDue: boolean) =>
      ({ tipId, seen, hasCheck, lastAnswer, reviewDue });
    screen = {
      pageRules: [{ items: [item('a', true, true, 'right', false), item('b', true, true, 'wrong', true)] },
        { items: [item('c', false, false, null, false), item('not-mine', true, true, 'right', true)] }],
      tips: ['a', 'b', 'c', 'not-mine'].map(tip),
    };
    start('bottom-right');
    shadow.querySelector<HTMLButtonElement>('.launcher')!.click();
    await wait(0);
    const section = shadow.querySelector<HTMLElement>('.panel [data-inflow-mastery]')!;
    expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')!.id);
    expect(Array.from(section.querySelectorAll('p')).map((p) => p.textContent))
      .toEqual(['You have seen 2 of 3 tips here.', '1 of 2 checks answered right.', '1 review due:']);
    expect(Array.from(section.querySelectorAll<HTMLElement>('.bar i')).map((i) => i.style.width)).toEqual(['67%', '50%']);
    expect(section.querySelector('.bar')!.getAttribute('aria-hidden')).toBe('true');
    section.querySelector<HTMLButtonElement>('[data-inflow-review="b"]')!.click();
    expect(chosen).toEqual(['b']);
    expect(shadow.querySelector('.panel')).toBeNull();
  });

  it('leaves the section out when the screen has none of the learner\'s tips, and shows a query with markup as text', async () => {
    screen = { pageRules: [{ items: [{ tipId: 'not-mine', seen: true, hasCheck: false, reviewDue: false }] }], tips: [tip('not-mine')] };
    start('bottom-left');
    shadow.querySelector<HTMLButtonElement>('.launcher')!.click();
    await wait(0);
    const panel = shadow.querySelector('.panel')!;
    expect(panel.classList.contains('bottom-left')).toBe(true);
    expect(panel.querySelector('[data-inflow-mastery]')).toBeNull();
    const input = panel.querySelector('input')!;
    input.value = '<img src=x onerror=alert(1)>';
    input.dispatchEvent(new Event('input'));
    await wait(400);
    expect(panel.querySelector('li')!.textContent).toBe('No tips found for \u201c<img src=x onerror=alert(1)>\u201d');
    expect(panel.querySelector('img')).toBeNull();
  });
});
