// Accounts (admins only): who may sign in to the console, and with which role.

import type { Account, Role } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { field, h, messageArea } from '../dom.ts';

const ROLES: Array<{ role: Role; label: string }> = [
  { role: 'author', label: 'author — writes and publishes tips' },
  { role: 'analyst', label: 'analyst — reads tips, exports events' },
  { role: 'admin', label: 'admin — everything, including apps and accounts' },
];

export function accountsView(ctx: ViewContext): HTMLElement {
  const rows = h('tbody');
  const message = messageArea();

  const email = h('input', { id: 'account-email', type: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { id: 'account-name', type: 'text', required: true, autocomplete: 'off' });
  const role = h('select', { id: 'account-role' }, ...ROLES.map((r) => h('option', { value: r.role }, r.label)));
  const password = h('input', { id: 'account-password', type: 'password', required: true, autocomplete: 'new-password', minlength: 8 });
  const submit = h('button', { id: 'account-create', type: 'submit', class: 'primary' }, 'Add account');
  const formMessage = messageArea();
  const form = h('form', { class: 'card form-card', id: 'account-form', 'aria-label': 'Add an account' },
    h('h2', {}, 'Add an account'),
    h('div', { class: 'grid-2' }, field('Email', email), field('Name', name), field('Role', role), field('Password', password)),
    formMessage.element,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    formMessage.clear();
    submit.disabled = true;
    ctx.api.post<Account>('/api/v1/accounts', {
      email: email.value.trim(), name: name.value.trim(), role: role.value, password: password.value,
    }, { signal: ctx.signal }).then((account) => {
      rows.appendChild(row(account));
      form.reset();
      formMessage.ok(`${account.email} can sign in now.`);
    }, (error: unknown) => formMessage.show(error)).finally(() => {
      submit.disabled = false;
    });
  });

  function row(account: Account): HTMLTableRowElement {
    const self = account.id === ctx.account.id;
    const roleSelect = h('select', { 'aria-label': `Role of ${account.email}`, 'data-action': 'role', disabled: self },
      ...ROLES.map((r) => h('option', { value: r.role, selected: r.role === account.role }, r.role)));
    roleSelect.addEventListener('change', () => {
      message.clear();
      roleSelect.disabled = true;
      const path = `/api/v1/accounts/${encodeURIComponent(account.id)}`;
      ctx.api.request<Account>('PATCH', path, { role: roleSelect.value }, { signal: ctx.signal }).then((changed) => {
        message.ok(`${changed.email} is now ${changed.role}.`);
      }, (error: unknown) => {
        roleSelect.value = account.role;
        message.show(error);
      }).finally(() => {
        roleSelect.disabled = false;
      });
    });
    const remove = h('button', { type: 'button', class: 'small danger', 'data-action': 'remove', disabled: self,
      'aria-label': `Remove ${account.email}` }, 'Remove');
    const tr = h('tr', { 'data-account-id': account.id },
      h('td', { class: 'ellipsis', title: account.email }, account.email),
      h('td', { class: 'ellipsis', title: account.name }, account.name),
      h('td', {}, roleSelect),
      h('td', { class: 'row-actions' }, remove),
    );
    remove.addEventListener('click', () => {
      if (!window.confirm(`Remove ${account.email}? They can no longer sign in; their tokens stop working.`)) return;
      message.clear();
      remove.disabled = true;
      ctx.api.delete(`/api/v1/accounts/${encodeURIComponent(account.id)}`, { signal: ctx.signal }).then(() => {
        tr.remove();
        message.ok(`${account.email} was removed.`);
      }, (error: unknown) => {
        remove.disabled = false;
        message.show(error);
      });
    });
    return tr;
  }

  ctx.api.get<{ items: Account[] }>('/api/v1/accounts', { signal: ctx.signal }).then(
    ({ items }) => rows.replaceChildren(...items.map(row)),
    (error: unknown) => {
      if (!ctx.signal.aborted) message.show(error);
    },
  );

  return h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Accounts')),
    form,
    message.element,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Accounts'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      rows)),
  );
}
