// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverlay } from '../src/overlay';
import type { Overlay } from '../src/overlay';
import { HOVER_INTENT_MS } from '../src/triggers';
import type { Tip } from '../src/types';

const anchorOf = (id: string) => ({ v: 1, tag: 'button', selectors: [{ css: `#${id}`, count: 1 }], props: { id } });
const tip = (id: string, extra: Partial<Tip> = {}): Tip =>
  ({ id, title: `Title ${id}`, presentation: 'tooltip', anchor: anchorOf('save') as Tip['anchor'], body: ['Hi'], version: 1, ...extra });
const shadow = () => document.getElementById('inflow-overlay-root')?.shadowRoot ?? null;
const box = (id: string) => shadow()?.querySelector<HTMLElement>(`[data-inflow-tip="${id}"]`) ?? null;
const beacon = (id: string) => shadow()?.querySelector<HTMLElement>(`[data-inflow-beacon="${id}"]`) ?? null;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('presentations, priority, triggers and frequency', () => {
  let overlay: Overlay;
  let sent: string[];
  let traits: Record<string, unknown>;
  const make = () => createOverlay({ send: (type, id) => sent.push(`${type}:${id}`), traits: () => traits, learner: () => 'u1', watch: { waitMs: 80, throttleMs: 5 } });
  beforeEach(() => {
    localStorage.clear();
    sent = [];
    traits = {};
    document.body.innerHTML = '<button id="save">Save</button><button id="send">Send</button>';
    overlay = make();
  });
  afterEach(() => { overlay.destroy(); document.body.innerHTML = ''; });

  it('opens one tooltip or modal at a time, the highest priority first, then the next', () => {
    overlay.show([tip('low', { priority: 1 }), tip('modal', { presentation: 'modal', anchor: null, priority: 5 }), tip('mid', { priority: 3 })]);
    expect(shadow()!.querySelectorAll('[data-inflow-tip]')).toHaveLength(1);
    expect(box('modal')).not.toBeNull();
    overlay.dismiss('modal', 'close');
    expect(box('mid')).not.toBeNull();
    expect(box('low')).toBeNull();
    overlay.dismiss('mid', 'close');
    expect(box('low')).not.toBeNull();
    expect(sent.filter((s) => s.startsWith('tip_shown'))).toEqual(['tip_shown:modal', 'tip_shown:mid', 'tip_shown:low']);
  });

  it('shows hotspot beacons only while nothing is open, and a beacon opens its tooltip', () => {
    overlay.show([tip('spot', { presentation: 'hotspot', anchor: anchorOf('send') as Tip['anchor'] }), tip('first')]);
    expect(beacon('spot')).toBeNull();
    overlay.dismiss('first', 'close');
    const b = beacon('spot')!;
    expect(b.getAttribute('aria-label')).toBe('Tip: Title spot');
    expect(sent).not.toContain('tip_shown:spot');
    b.click();
    expect(beacon('spot')).toBeNull();
    expect(box('spot')!.getAttribute('data-presentation')).toBe('tooltip');
    expect(sent).toContain('tip_shown:spot');
  });

  it('shows a banner beside an open tooltip, as a labelled region, closed by its button', () => {
    overlay.show([tip('news', { presentation: 'banner', anchor: null }), tip('field')]);
    const banner = box('news')!;
    expect(banner.getAttribute('role')).toBe('region');
    expect(box('field')).not.toBeNull();
    banner.querySelector<HTMLElement>('[data-inflow-dismiss]')!.click();
    expect(box('news')).toBeNull();
    expect(box('field')).not.toBeNull();
  });

  it('opens a click tip on click, taking the place of a tip that came by itself', () => {
    overlay.show([tip('auto', { priority: 9 }), tip('onclick', { trigger: 'click', anchor: anchorOf('send') as Tip['anchor'] })]);
    expect(box('auto')).not.toBeNull();
    expect(box('onclick')).toBeNull();
    document.getElementById('send')!.click();
    expect(box('onclick')).not.toBeNull();
    expect(box('auto')).toBeNull();
    overlay.dismiss('onclick', 'close');
    expect(box('auto')).not.toBeNull();
  });

  it('opens a hover tip after the intent delay, not on a passing pointer, and on keyboard focus', async () => {
    overlay.show([tip('hover', { trigger: 'hover' })]);
    const save = document.getElementById('save')!;
    save.dispatchEvent(new Event('pointerenter'));
    await wait(HOVER_INTENT_MS / 4);
    save.dispatchEvent(new Event('pointerleave'));
    await wait(HOVER_INTENT_MS);
    expect(box('hover')).toBeNull();
    save.dispatchEvent(new FocusEvent('focusin'));
    await wait(HOVER_INTENT_MS + 50);
    expect(box('hover')).not.toBeNull();
  });

  it('never opens a launcher-only tip by itself', async () => {
    overlay.show([tip('launch', { trigger: 'launcher' }), tip('modal', { presentation: 'modal', anchor: null, trigger: 'launcher' })]);
    await wait(30);
    expect(shadow()?.querySelectorAll('[data-inflow-tip]').length ?? 0).toBe(0);
  });

  it('keeps tips from people outside their audience, and looks again when traits change', () => {
    const rule = [{ trait: 'role', op: 'in', value: ['sales'] }];
    overlay.show([tip('sales', { audience: rule })]);
    expect(box('sales')).toBeNull();
    traits = { role: 'sales' };
    overlay.show([tip('sales', { audience: rule })]);
    expect(box('sales')).not.toBeNull();
    traits = { role: 'support' };
    overlay.show([tip('sales', { audience: rule })]);
    expect(box('sales')).toBeNull();
  });

  it('remembers frequency per learner: once, until dismissed, every visit', () => {
    const tips = [tip('once', { frequency: 'once', presentation: 'banner', anchor: null }),
      tip('until', { presentation: 'banner', anchor: null }), tip('every', { frequency: 'every_visit', presentation: 'banner', anchor: null })];
    overlay.show(tips, '/a');
    expect(['once', 'until', 'every'].map((id) => !!box(id))).toEqual([true, true, true]);
    overlay.dismiss('every', 'close');
    overlay.show(tips, '/a');
    expect(box('every')).toBeNull(); // same visit: stays closed
    overlay.destroy();
    overlay = make(); // a reload
    overlay.show(tips, '/a');
    expect(['once', 'until', 'every'].map((id) => !!box(id))).toEqual([false, true, true]);
    overlay.dismiss('until', 'close');
    overlay.destroy();
    overlay = make();
    overlay.show(tips, '/b');
    expect(['once', 'until', 'every'].map((id) => !!box(id))).toEqual([false, false, true]);
  });

  it('marks the language and direction of a translated tip', () => {
    overlay.show([tip('ar', { presentation: 'banner', anchor: null, locale: 'ar', dir: 'rtl' })]);
    expect(box('ar')!.dir).toBe('rtl');
    expect(box('ar')!.lang).toBe('ar');
  });
});
