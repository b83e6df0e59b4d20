// What every console view receives: the API, who is signed in, and a signal that ends with the view.

import type { Account, Api, App } from './api.ts';

export interface ViewContext {
  api: Api;
  account: Account;
  /** Aborted when the author leaves the view; late answers are then ignored. */
  signal: AbortSignal;
  /** The apps, fetched once per view. */
  apps(): Promise<App[]>;
}

export function canAuthor(account: Account): boolean {
  return account.role === 'admin' || account.role === 'author';
}

export function isAdmin(account: Account): boolean {
  return account.role === 'admin';
}
