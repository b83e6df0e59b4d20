// Tips: every tip of the apps, filtered by app and status, with publish / unpublish / archive.

import { query, type App, type Page, type Tip, type TipStatus } from '../api.ts';
import { canAuthor, type ViewContext } from '../context.ts';
import { field, formatTime, h, messageArea } from '../dom.ts';

const PAGE_SIZE = 25;
const STATUSES: TipStatus[] = ['draft', 'published', 'archived'];
type Action = 'publish' | 'unpublish' | 'archive';

/** Which status changes make sense from a status. */
export function actionsFor(status: TipStatus): Action[] {
  switch (status) {
    case 'draft': return ['publish', 'archive'];
    case 'published': return ['unpublish', 'archive'];
    case 'archived': return ['unpublish'];
  }
}

const ACTION_LABEL: Record<Action, string> = { publish: 'Publish', unpublish: 'Unpublish', archive: 'Archive' };
const RESTORE_LABEL = 'Restore as draft';

export function tipsView(ctx: ViewContext): HTMLElement {
  const appFilter = h('select', { id: 'tips-app' }, h('option', { value: '' }, 'All apps'));
  const statusFilter = h('select', { id: 'tips-status' },
    h('option', { value: '' }, 'Any status'),
    ...STATUSES.map((status) => h('option', { value: status }, status)),
  );
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', id: 'tips-more', hidden: true }, 'Load more');
  const message = messageArea();
  const summary = h('p', { class: 'muted', id: 'tips-summary', 'aria-live': 'polite' });
  const mayChange = canAuthor(ctx.account);

  const table = h('table', { class: 'table tips-table' },
    h('caption', { class: 'visually-hidden' }, 'Tips'),
    h('colgroup', {},
      h('col', { class: 'col-title' }), h('col', { class: 'col-app' }), h('col', { class: 'col-status' }),
      h('col', { class: 'col-rule' }), h('col', { class: 'col-time' }), h('col', { class: 'col-actions' })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'App'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Page rule'), h('th', { scope: 'col' }, 'Last change'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    rows,
  );

  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Tips')),
    h('div', { class: 'filters' }, field('App', appFilter), field('Status', statusFilter)),
    message.element,
    h('div', { class: 'table-wrap' }, table),
    summary,
    h('div', { class: 'actions start' }, more),
  );

  let appNames = new Map<string, string>();
  let next: string | null = null;
  let generation = 0;
  let shown = 0;

  function load(reset: boolean): void {
    const mine = reset ? ++generation : generation;
    if (reset) {
      rows.replaceChildren();
      shown = 0;
      next = null;
    }
    message.clear();
    more.disabled = true;
    summary.textContent = 'Loading tips…';
    const path = `/api/v1/tips${query({ app: appFilter.value, status: statusFilter.value, after: reset ? null : next, limit: PAGE_SIZE })}`;
    ctx.api.get<Page<Tip>>(path, { signal: ctx.signal }).then((page) => {
      if (mine !== generation) return;
      for (const tip of page.items) rows.appendChild(row(tip));
      shown += page.items.length;
      next = page.next;
      more.hidden = next === null;
      summary.textContent = shown === 0 ? 'No tips match these filters.' : `${shown} tip${shown === 1 ? '' : 's'} shown`;
    }, (error: unknown) => {
      if (mine !== generation || ctx.signal.aborted) return;
      summary.textContent = '';
      message.show(error);
    }).finally(() => {
      more.disabled = false;
    });
  }

  function row(tip: Tip): HTMLTableRowElement {
    const appName = appNames.get(tip.appId) ?? tip.appId;
    const actions = h('td', { class: 'row-actions' });
    if (mayChange) {
      for (const action of actionsFor(tip.status)) {
        const label = action === 'unpublish' && tip.status === 'archived' ? RESTORE_LABEL : ACTION_LABEL[action];
        const button = h('button', { type: 'button', class: 'small secondary', 'data-action': action, 'aria-label': `${label}: ${tip.title}` }, label);
        button.addEventListener('click', () => change(tip, action, tr, button));
        actions.appendChild(button);
      }
    }
    const tr = h('tr', { 'data-tip-id': tip.id, 'data-status': tip.status },
      h('td', { class: 'ellipsis', title: tip.title }, tip.title),
      h('td', { class: 'ellipsis', title: appName }, appName),
      h('td', {}, h('span', { class: `badge badge-${tip.status}` }, tip.status)),
      h('td', { class: 'ellipsis', title: tip.pageRule }, h('code', {}, tip.pageRule)),
      h('td', {}, h('time', { datetime: tip.updatedAt ?? null }, formatTime(tip.updatedAt))),
      actions,
    );
    return tr;
  }

  function change(tip: Tip, action: Action, tr: HTMLTableRowElement, button: HTMLButtonElement): void {
    message.clear();
    for (const b of tr.querySelectorAll('button')) b.disabled = true;
    const path = `/api/v1/tips/${encodeURIComponent(tip.id)}`;
    ctx.api.post<Tip | undefined>(`${path}/${action}`, undefined, { signal: ctx.signal })
      .then((answer) => (answer && typeof answer === 'object' && 'id' in answer ? answer : ctx.api.get<Tip>(path, { signal: ctx.signal })))
      .then((updated) => {
        const fresh = row(updated);
        tr.replaceWith(fresh);
        // keep keyboard focus near where it was
        (fresh.querySelector('button') ?? fresh).focus?.();
      }, (error: unknown) => {
        if (ctx.signal.aborted) return;
        message.show(error);
        for (const b of tr.querySelectorAll('button')) b.disabled = false;
        button.focus();
      });
  }

  appFilter.addEventListener('change', () => load(true));
  statusFilter.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));

  ctx.apps().then((apps: App[]) => {
    appNames = new Map(apps.map((app) => [app.id, app.name]));
    for (const app of apps) appFilter.appendChild(h('option', { value: app.id }, app.name));
  }, () => undefined).finally(() => load(true));
  return view;
}
