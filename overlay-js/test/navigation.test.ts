// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../src/navigation';

describe('navigation', () => {
  let stop: (() => void) | null = null;
  afterEach(() => { stop?.(); stop = null; history.replaceState(null, '', '/'); });

  it('calls back with the new URL on pushState and replaceState, once per change', () => {
    const seen: string[] = [];
    stop = watchNavigation(window, (url) => seen.push(url));
    history.pushState(null, '', '/opportunities/7');
    history.replaceState(null, '', '/opportunities/7');
    history.replaceState(null, '', '/opportunities/8');
    expect(seen).toEqual([`${location.origin}/opportunities/7`, `${location.origin}/opportunities/8`]);
  });

  it('calls back on popstate when the URL changed', () => {
    const cb = vi.fn();
    const original = History.prototype.pushState;
    original.call(history, null, '', '/elsewhere'); // bypasses the patch, as a browser back would
    stop = watchNavigation(window, cb);
    original.call(history, null, '', '/back');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(cb).toHaveBeenCalledWith(`${location.origin}/back`);
  });

  it('restores history.pushState and stops listening on teardown', () => {
    const before = history.pushState;
    const cb = vi.fn();
    const teardown = watchNavigation(window, cb);
    expect(history.pushState).not.toBe(before);
    teardown();
    expect(history.pushState).toBe(before);
    history.pushState(null, '', '/after');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(cb).not.toHaveBeenCalled();
  });
});
