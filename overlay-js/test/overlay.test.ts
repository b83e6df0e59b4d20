// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverlay } from '../src/overlay';
import type { Overlay } from '../src/overlay';
import type { Tip } from '../src/types';

type Sent = { type: string; tipId: string; data?: Record<string, unknown> };

const amountTip: Tip = {
  id: 'tip_amount', title: 'Amount in EUR', presentation: 'tooltip', placement: 'right', version: 1,
  anchor: { v: 1, tag: 'input', selectors: [{ css: '[data-testid="opp-amount"]', count: 1 }], props: { name: 'amount', label: 'Amount' } },
  body: [['p', {}, 'Enter the ', ['strong', {}, 'net'], ' amount.']],
  learnMore: { url: 'https://wiki.example.com/pricing', label: 'Pricing rules' },
};
const modal = (id: string): Tip => ({ id, title: `Welcome ${id}`, presentation: 'modal', anchor: null, body: ['Hello'], version: 1 });

const shadow = () => document.getElementById('inflow-overlay-root')?.shadowRoot ?? null;
const tipBox = (id: string) => shadow()?.querySelector<HTMLElement>(`[data-inflow-tip="${id}"]`) ?? null;

describe('overlay', () => {
  let sent: Sent[];
  let overlay: Overlay;
  beforeEach(() => {
    localStorage.clear();
    sent = [];
    document.body.innerHTML = '<form><label for="a">Amount</label><input id="a" name="amount" data-testid="opp-amount"><button id="other">Save</button></form>';
    overlay = createOverlay({ send: (type, tipId, data) => sent.push({ type, tipId, data }), watch: { waitMs: 80, throttleMs: 5 } });
  });
  afterEach(() => { overlay.destroy(); document.body.innerHTML = ''; });

  it('shows a tooltip next to its element, once, with its content and hooks', () => {
    overlay.show([amountTip]);
    const box = tipBox('tip_amount')!;
    expect(box).not.toBeNull();
    expect(box.getAttribute('data-presentation')).toBe('tooltip');
    expect(box.getAttribute('role')).toBe('dialog');
    expect(shadow()!.getElementById(box.getAttribute('aria-labelledby')!)!.textContent).toBe('Amount in EUR');
    expect(box.querySelector('.body')!.innerHTML).toBe('<p>Enter the <strong>net</strong> amount.</p>');
    expect(box.querySelector('[data-inflow-dismiss]')!.getAttribute('aria-label')).toBe('Dismiss tip');
    expect(document.querySelector('input')!.getAttribute('aria-description')).toBe('Tip: Amount in EUR');
    overlay.show([amountTip]); // same page view again: nothing new
    expect(shadow()!.querySelectorAll('[data-inflow-tip]')).toHaveLength(1);
    expect(sent.filter((e) => e.type === 'tip_shown')).toEqual([{ type: 'tip_shown', tipId: 'tip_amount', data: { confidence: 1, via: 'selector' } }]);
  });

  it('dismisses on the close button, restores the element, and stays dismissed across navigation', () => {
    document.querySelector('input')!.setAttribute('aria-description', 'host text');
    overlay.show([amountTip]);
    tipBox('tip_amount')!.querySelector<HTMLElement>('[data-inflow-dismiss]')!.click();
    expect(tipBox('tip_amount')).toBeNull();
    expect(document.querySelector('input')!.getAttribute('aria-description')).toBe('host text');
    expect(sent.at(-1)).toEqual({ type: 'tip_dismissed', tipId: 'tip_amount', data: { how: 'close' } });
    expect(JSON.parse(localStorage.getItem('inflow.memory.anonymous')!).d).toContain('tip_amount');
    overlay.show([]);
    overlay.show([amountTip]);
    expect(tipBox('tip_amount')).toBeNull();
    // A new overlay in the same tab (full reload) remembers it too.
    overlay.destroy();
    overlay = createOverlay({ send: (type, tipId) => sent.push({ type, tipId }) });
    overlay.show([amountTip]);
    expect(tipBox('tip_amount')).toBeNull();
  });

  it('dismisses the open tip on Escape', () => {
    overlay.show([amountTip]);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(tipBox('tip_amount')).toBeNull();
    expect(sent.at(-1)).toMatchObject({ type: 'tip_dismissed', data: { how: 'escape' } });
  });

  it('reports link_opened for the learn-more link', () => {
    overlay.show([amountTip]);
    const more = tipBox('tip_amount')!.querySelector<HTMLAnchorElement>('[data-inflow-learn-more]')!;
    expect(more.target).toBe('_blank');
    more.addEventListener('click', (e) => e.preventDefault()); // jsdom would try to navigate
    more.click();
    expect(sent.at(-1)).toEqual({ type: 'link_opened', tipId: 'tip_amount', data: { url: 'https://wiki.example.com/pricing' } });
  });

  it('finds an anchor that appears later, without reporting it missing', async () => {
    document.body.innerHTML = '<form></form>';
    // a wider window than the other tests': on a busy machine timers run late, and only the order matters here
    overlay.destroy();
    overlay = createOverlay({ send: (type, tipId, data) => sent.push({ type, tipId, data }), watch: { waitMs: 400, throttleMs: 5 } });
    overlay.show([amountTip]);
    expect(tipBox('tip_amount')).toBeNull();
    const input = document.createElement('input');
    input.name = 'amount';
    input.setAttribute('data-testid', 'opp-amount');
    document.querySelector('form')!.appendChild(input);
    await new Promise((r) => setTimeout(r, 40));
    expect(tipBox('tip_amount')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(sent.some((e) => e.type === 'anchor_missing')).toBe(false);
  });

  it('sends one anchor_missing with the reason when the anchor never appears', async () => {
    document.body.innerHTML = '<p>nothing here</p>';
    overlay.show([amountTip]);
    await new Promise((r) => setTimeout(r, 120));
    document.body.appendChild(document.createElement('div')); // more DOM churn
    await new Promise((r) => setTimeout(r, 120));
    const missing = sent.filter((e) => e.type === 'anchor_missing');
    expect(missing).toHaveLength(1);
    expect(missing[0].data).toMatchObject({ reason: 'not_found' });
    expect(typeof missing[0].data!.bestScore).toBe('number');
  });

  it('removes the tooltip when its element leaves the DOM', async () => {
    overlay.show([amountTip]);
    expect(tipBox('tip_amount')).not.toBeNull();
    document.querySelector('input')!.remove();
    await new Promise((r) => setTimeout(r, 40));
    expect(tipBox('tip_amount')).toBeNull();
  });

  it('shows a tip again in the language the learner now reads', () => {
    overlay.show([amountTip], '/a');
    expect(tipBox('tip_amount')!.querySelector('.title')!.textContent).toBe('Amount in EUR');
    overlay.show([{ ...amountTip, title: 'المبلغ باليورو', locale: 'ar', dir: 'rtl' }], '/a');
    const box = tipBox('tip_amount')!;
    expect(box.querySelector('.title')!.textContent).toBe('المبلغ باليورو');
    expect([box.dir, box.lang]).toEqual(['rtl', 'ar']);
    expect(shadow()!.querySelectorAll('[data-inflow-tip]')).toHaveLength(1);
  });

  it('drops tips that are not for the new page', () => {
    overlay.show([amountTip]);
    overlay.show([modal('tip_other')]);
    expect(tipBox('tip_amount')).toBeNull();
    expect(tipBox('tip_other')).not.toBeNull();
  });

  it('shows one modal at a time, moves focus in and gives it back', () => {
    const before = document.getElementById('other') as HTMLButtonElement;
    before.focus();
    overlay.show([modal('m1'), modal('m2')]);
    expect(shadow()!.querySelectorAll('[data-presentation="modal"]')).toHaveLength(1);
    const box = tipBox('m1')!;
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(shadow()!.activeElement?.textContent).toBe('Got it');
    box.querySelector<HTMLElement>('[data-inflow-dismiss="got-it"]')!.click();
    expect(sent.find((e) => e.type === 'tip_dismissed')).toMatchObject({ tipId: 'm1', data: { how: 'got_it' } });
    expect(tipBox('m2')).not.toBeNull();
    tipBox('m2')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(tipBox('m2')).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('removes every trace on destroy', () => {
    overlay.show([amountTip]);
    overlay.destroy();
    expect(document.getElementById('inflow-overlay-root')).toBeNull();
    expect(document.querySelector('input')!.hasAttribute('aria-description')).toBe(false);
  });
});
