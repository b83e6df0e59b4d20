// Hash routes of the console and who may open them.

import type { Role } from './api.ts';
import type { ViewContext } from './context.ts';
import { accountsView } from './views/accounts.ts';
import { analyticsView } from './views/analytics.ts';
import { appsView } from './views/apps.ts';
import { exportView } from './views/export.ts';
import { masteryView } from './views/mastery.ts';
import { tipsView } from './views/tips.ts';
import { tokensView } from './views/tokens.ts';
import { walkthroughsView } from './views/walkthroughs.ts';

export interface Route {
  name: string;
  label: string;
  roles: readonly Role[];
  view: (ctx: ViewContext) => HTMLElement;
}

const ALL: readonly Role[] = ['admin', 'author', 'analyst'];

export const ROUTES: readonly Route[] = [
  { name: 'apps', label: 'Apps', roles: ALL, view: appsView },
  { name: 'tips', label: 'Tips', roles: ALL, view: tipsView },
  { name: 'walkthroughs', label: 'Walkthroughs', roles: ALL, view: walkthroughsView },
  { name: 'analytics', label: 'Analytics', roles: ALL, view: analyticsView },
  { name: 'mastery', label: 'Mastery', roles: ALL, view: masteryView },
  { name: 'export', label: 'Export', roles: ['admin', 'analyst'], view: exportView },
  { name: 'accounts', label: 'Accounts', roles: ['admin'], view: accountsView },
  { name: 'tokens', label: 'Tokens', roles: ALL, view: tokensView },
];

export function routesFor(role: Role): Route[] {
  return ROUTES.filter((route) => route.roles.includes(role));
}

/** The route a hash names, if the role may open it; otherwise the role's first route. */
export function resolveRoute(hash: string, role: Role): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  const allowed = routesFor(role);
  return allowed.find((route) => route.name === name) ?? allowed[0] ?? ROUTES[0]!;
}
