// Console entry: sign-in, the header and navigation, and swapping views on hash changes.

import { Api, ApiError, type Account, type App } from './api.ts';
import type { ViewContext } from './context.ts';
import { h, messageArea } from './dom.ts';
import { resolveRoute, routesFor } from './routes.ts';
import { signInView } from './views/signin.ts';

const root = document.getElementById('app') ?? document.body;
let account: Account | null = null;
let leaveView: AbortController | null = null;
let main: HTMLElement | null = null;
let nav: HTMLElement | null = null;

const api = new Api(() => {
  if (account !== null) showSignIn('Your session ended. Please sign in again.');
});

function showSignIn(notice?: string): void {
  account = null;
  leaveView?.abort();
  leaveView = null;
  main = null;
  nav = null;
  document.title = 'Sign in · Inflow';
  root.replaceChildren(signInView(api, (signedIn) => {
    account = signedIn;
    showShell();
  }, notice));
}

function showShell(): void {
  if (!account) return;
  const signOut = h('button', { type: 'button', id: 'signout', class: 'secondary small' }, 'Sign out');
  signOut.addEventListener('click', () => {
    signOut.disabled = true;
    api.delete('/api/v1/session', { allowUnauthorized: true }).catch(() => undefined).finally(() => showSignIn());
  });
  nav = h('nav', { class: 'nav', 'aria-label': 'Console' },
    ...routesFor(account.role).map((route) => h('a', { href: `#/${route.name}`, 'data-route': route.name }, route.label)));
  main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const skip = h('a', { href: '#main', class: 'skip-link' }, 'Skip to content');
  const target = main;
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    target.focus();
  });
  root.replaceChildren(
    skip,
    h('header', { class: 'top' },
      h('div', { class: 'brand' }, 'Inflow'),
      nav,
      h('div', { class: 'who' },
        h('span', { id: 'who-email', class: 'ellipsis', title: account.email }, account.email),
        h('span', { id: 'who-role', class: 'badge badge-role' }, account.role),
        signOut)),
    main,
  );
  route();
}

function route(): void {
  if (!account || !main || !nav) return;
  const chosen = resolveRoute(location.hash, account.role);
  // a view may take the rest of the hash (#/tips/tip_x opens that tip), so only a different view is rewritten
  if (!new RegExp(`^#/${chosen.name}(/|$)`).test(location.hash)) {
    history.replaceState(null, '', `#/${chosen.name}`);
  }
  leaveView?.abort();
  const controller = new AbortController();
  leaveView = controller;
  let apps: Promise<App[]> | null = null;
  const ctx: ViewContext = {
    api,
    account,
    signal: controller.signal,
    apps: () => (apps ??= api.get<{ items: App[] }>('/api/v1/apps', { signal: controller.signal }).then((answer) => answer.items ?? [])),
  };
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.route === chosen.name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${chosen.label} · Inflow`;
  main.replaceChildren(chosen.view(ctx));
}

async function boot(): Promise<void> {
  try {
    account = await api.get<Account>('/api/v1/session', { allowUnauthorized: true });
    showShell();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn();
      return;
    }
    const message = messageArea();
    message.show(error);
    root.replaceChildren(h('main', { class: 'signin-page' }, h('div', { class: 'card' }, h('h1', {}, 'Inflow'), message.element)));
  }
}

window.addEventListener('hashchange', route);
void boot();
