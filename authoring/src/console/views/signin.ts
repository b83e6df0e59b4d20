// The sign-in screen: email and password for a console session.

import type { Account, Api } from '../api.ts';
import { field, h, messageArea } from '../dom.ts';

export function signInView(api: Api, onSignedIn: (account: Account) => void, notice?: string): HTMLElement {
  const email = h('input', { id: 'signin-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'signin-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true,
  });
  const submit = h('button', { id: 'signin-submit', type: 'submit', class: 'primary' }, 'Sign in');
  const message = messageArea('signin-error');
  if (notice) message.ok(notice);

  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-heading' },
    h('h1', { id: 'signin-heading' }, 'Sign in to Inflow'),
    field('Email', email),
    field('Password', password),
    message.element,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    submit.disabled = true;
    api
      .post<Account>('/api/v1/session', { email: email.value.trim(), password: password.value }, { allowUnauthorized: true })
      .then(onSignedIn, (error: unknown) => {
        message.show(error);
        password.select();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  queueMicrotask(() => email.focus());
  return h('main', { class: 'signin-page' }, form);
}
