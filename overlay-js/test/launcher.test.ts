// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLauncher } from '../src/launcher';
import type { Tip } from '../src/types';

const tip = (id: string): Tip => ({ id, title: `Title ${id}`, presentation: 'tooltip', anchor: null, body: [], version: 1 });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('launcher', () => {
  let shadow: ShadowRoot;
  let stop: () => void;
  let searched: string[];
  let chosen: string[];
  const start = (position: string) => {
    stop = createLauncher(document, {
      position, shadow: () => shadow, pageTips: () => [tip('here')],
      search: async (q) => { searched.push(q); return q === 'none' ? [] : [tip('found')]; },
      choose: (t) => chosen.push(t.id),
    });
  };
  beforeEach(() => {
    document.body.innerHTML = '<div id="host"></div>';
    shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    searched = [];
    chosen = [];
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
    expect(shadow.querySelector('.panel li')!.textContent).toBe('No tips found');
    shadow.querySelector('.panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(shadow.querySelector('.panel')).toBeNull();
    stop();
    document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', altKey: true, shiftKey: true }));
    expect(shadow.querySelector('.panel')).toBeNull();
    stop = () => undefined;
  });
});
