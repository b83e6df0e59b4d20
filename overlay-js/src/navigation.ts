// Notices single-page-app navigation: history.pushState/replaceState, back/forward and hash changes.

type HistoryMethod = History['pushState'];

/**
 * Calls `onChange(url)` whenever location.href changes. Returns the teardown, which puts the
 * original history methods back (when nobody patched them after us) and removes the listeners.
 */
export function watchNavigation(win: Window, onChange: (url: string) => void): () => void {
  const history = win.history;
  let last = win.location.href;
  let active = true;
  const check = (): void => {
    if (!active) return;
    const now = win.location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  const wrap = (original: HistoryMethod): HistoryMethod =>
    function patched(this: History, ...args: Parameters<HistoryMethod>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;
  const push = wrap(originalPush);
  const replace = wrap(originalReplace);
  history.pushState = push;
  history.replaceState = replace;
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    active = false; // a wrapper someone else still holds becomes a plain pass-through
    if (history.pushState === push) history.pushState = originalPush;
    if (history.replaceState === replace) history.replaceState = originalReplace;
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
