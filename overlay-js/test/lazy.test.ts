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

  it('fails when the script cannot load, and tries again on the next use', async () => {
    const first = lazy.loadMore();
    tags()[0].dispatchEvent(new Event('error'));
    await expect(first).rejects.toThrow('inflow-more.js');
    const again = lazy.loadMore();
    expect(tags()).toHaveLength(1);
    w.__inflowMore = registered;
    tags()[0].dispatchEvent(new Event('load'));
    expect(await again).toBe(registered);
  });
});
