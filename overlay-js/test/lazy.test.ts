// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type W = Window & { __inflowMore?: unknown };

describe('the extra bundle (inflow-more.js)', () => {
  const w = window as W;
  const registered = w.__inflowMore; // test/setup.ts bundles it in, as the extension does
  let lazy: typeof import('../src/lazy');
  const tags = () => Array.from(document.head.querySelectorAll('script[src="https://inflow.test/inflow-more.js"]'));

  beforeEach(async () => {
    delete w.__inflowMore;
    vi.resetModules();
    lazy = await import('../src/lazy');
    lazy.moreFrom('https://inflow.test', 'n0');
  });
  afterEach(() => {
    w.__inflowMore = registered;
    tags().forEach((s) => s.remove());
  });

  it('loads once, from the core\'s server with the core\'s nonce, and runs what waited for it', async () => {
    const styled = vi.fn();
    lazy.whenLoaded(styled);
    const first = lazy.loadMore();
    const second = lazy.loadMore();
    expect(tags()).toHaveLength(1);
    expect(tags()[0].getAttribute('nonce')).toBe('n0');
    expect(styled).not.toHaveBeenCalled();
    w.__inflowMore = registered; // what the script does when it runs
    tags()[0].dispatchEvent(new Event('load'));
    expect(await first).toBe(registered);
    expect(await second).toBe(registered);
    expect(styled).toHaveBeenCalledWith(registered);
    expect(tags()).toHaveLength(0);
    const now = vi.fn();
    lazy.withMore(now);
    expect(now).toHaveBeenCalledWith(registered); // at once, now that it is there
  });

  it('fails when the script cannot load, fails at once for 10 s, then tries again', async () => {
    vi.useFakeTimers();
    const first = lazy.loadMore();
    tags()[0].dispatchEvent(new Event('error'));
    await expect(first).rejects.toThrow('inflow-more.js');
    await expect(lazy.loadMore()).rejects.toThrow('inflow-more.js');
    expect(tags()).toHaveLength(0);
    vi.advanceTimersByTime(10_000);
    vi.useRealTimers();
    const again = lazy.loadMore();
    expect(tags()).toHaveLength(1);
    w.__inflowMore = registered;
    tags()[0].dispatchEvent(new Event('load'));
    expect(await again).toBe(registered);
  });

  it('shows a tip whose selectors all fail once the weighted similarity has loaded', async () => {
    document.body.innerHTML = '<label for="a">Amount</label><input id="a" name="amount">';
    const { createOverlay } = await import('../src/overlay');
    const overlay = createOverlay({ send: () => undefined, watch: { waitMs: 5000, throttleMs: 5 } });
    overlay.show([{
      id: 't', title: 'Amount', presentation: 'tooltip', version: 1, body: [],
      anchor: { v: 1, tag: 'input', selectors: [{ css: '[data-testid="gone"]', count: 1 }], props: { name: 'amount', label: 'Amount' } },
    }]);
    const box = () => document.getElementById('inflow-overlay-root')?.shadowRoot?.querySelector('[data-inflow-tip="t"]') ?? null;
    expect(box()).toBeNull();
    expect(tags()).toHaveLength(1);
    w.__inflowMore = registered;
    tags()[0].dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(box()).not.toBeNull());
    overlay.destroy();
  });
});
