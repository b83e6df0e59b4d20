// Tokens: the signed-in account's personal access tokens (the picker bookmarklets use them); revoke here.

import type { TokenInfo } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { formatTime, h, messageArea } from '../dom.ts';

export function tokensView(ctx: ViewContext): HTMLElement {
  const rows = h('tbody');
  const message = messageArea();
  const empty = h('p', { class: 'empty', hidden: true }, 'No tokens. “Make picker bookmarklet” under Apps creates one.');

  function row(token: TokenInfo): HTMLTableRowElement {
    const revoke = h('button', { type: 'button', class: 'small danger', 'data-action': 'revoke', 'aria-label': `Revoke ${token.name}` }, 'Revoke');
    const tr = h('tr', { 'data-token-id': token.id },
      h('td', { class: 'ellipsis', title: token.name }, token.name),
      h('td', {}, formatTime(token.createdAt)),
      h('td', {}, formatTime(token.lastUsedAt)),
      h('td', { class: 'row-actions' }, revoke),
    );
    revoke.addEventListener('click', () => {
      message.clear();
      revoke.disabled = true;
      ctx.api.delete(`/api/v1/tokens/${encodeURIComponent(token.id)}`, { signal: ctx.signal }).then(() => {
        tr.remove();
        empty.hidden = rows.childElementCount > 0;
        message.ok(`“${token.name}” is revoked; bookmarklets using it stop working.`);
      }, (error: unknown) => {
        revoke.disabled = false;
        message.show(error);
      });
    });
    return tr;
  }

  ctx.api.get<{ items: TokenInfo[] }>('/api/v1/tokens', { signal: ctx.signal }).then(({ items }) => {
    rows.replaceChildren(...items.map(row));
    empty.hidden = items.length > 0;
  }, (error: unknown) => {
    if (!ctx.signal.aborted) message.show(error);
  });

  return h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Personal access tokens')),
    message.element,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Your tokens'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Last used'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      rows)),
    empty,
  );
}
