// Tips: every tip of the apps, filtered by app and status, with publish / unpublish / archive.

import { query, type App, type Page, type Tip, type TipStatus } from '../api.ts';
import { canAuthor, type ViewContext } from '../context.ts';
import { field, formatTime, h, messageArea } from '../dom.ts';
import { anchorHealthPanel } from './anchorHealth.ts';
import { tipEditorView } from './tipEditor.ts';

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

/** `#/tips/tip_x` → `tip_x`. */
export function tipIdInHash(hash: string): string | null {
  const match = /^#\/tips\/([^/?#]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function tipsView(ctx: ViewContext): HTMLElement {
  const editing = tipIdInHash(location.hash);
  if (editing) return tipEditorView(ctx, editing);
  return tipsList(ctx);
}

function tipsList(ctx: ViewContext): HTMLElement {
  const search = h('input', { id: 'tips-search', type: 'search', placeholder: 'Words in the title', autocomplete: 'off' });
  const pageFilter = h('input', { id: 'tips-page', type: 'search', placeholder: '/orders', autocomplete: 'off' });
  const selectAll = h('input', { type: 'checkbox', id: 'tips-select-all', 'aria-label': 'Select all tips shown' });
  const bulkPublish = h('button', { type: 'button', class: 'small secondary', id: 'tips-bulk-publish', disabled: true }, 'Publish selected');
  const bulkArchive = h('button', { type: 'button', class: 'small secondary', id: 'tips-bulk-archive', disabled: true }, 'Archive selected');
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
      h('col', { class: 'col-select' }), h('col', { class: 'col-title' }), h('col', { class: 'col-app' }), h('col', { class: 'col-status' }),
      h('col', { class: 'col-rule' }), h('col', { class: 'col-time' }), h('col', { class: 'col-actions' })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, mayChange ? selectAll : null), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'App'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Page rule'), h('th', { scope: 'col' }, 'Last change'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    rows,
  );

  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Tips')),
    anchorHealthPanel(ctx),
    h('div', { class: 'filters' }, field('Search', search), field('Page rule contains', pageFilter),
      field('App', appFilter), field('Status', statusFilter)),
    mayChange ? h('div', { class: 'actions start bulk' }, bulkPublish, bulkArchive) : null,
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
      selectAll.checked = false;
      refreshBulk();
      shown = 0;
      next = null;
    }
    message.clear();
    more.disabled = true;
    summary.textContent = 'Loading tips…';
    const path = `/api/v1/tips${query({ q: search.value.trim(), page: pageFilter.value.trim(), app: appFilter.value,
      status: statusFilter.value, after: reset ? null : next, limit: PAGE_SIZE })}`;
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
    const pick = h('input', { type: 'checkbox', class: 'pick', 'aria-label': `Select: ${tip.title}` });
    pick.addEventListener('change', refreshBulk);
    const tr = h('tr', { 'data-tip-id': tip.id, 'data-status': tip.status },
      h('td', {}, mayChange ? pick : null),
      h('td', { class: 'ellipsis', title: tip.title }, h('a', { href: `#/tips/${encodeURIComponent(tip.id)}`, class: 'tip-link' }, tip.title)),
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

  function picked(): HTMLTableRowElement[] {
    return Array.from(rows.querySelectorAll<HTMLTableRowElement>('tr[data-tip-id]'))
      .filter((tr) => tr.querySelector<HTMLInputElement>('input.pick')?.checked);
  }

  function refreshBulk(): void {
    const count = picked().length;
    bulkPublish.disabled = count === 0;
    bulkArchive.disabled = count === 0;
    bulkPublish.textContent = count > 0 ? `Publish ${count} selected` : 'Publish selected';
    bulkArchive.textContent = count > 0 ? `Archive ${count} selected` : 'Archive selected';
  }

  /** One request per tip, in turn, so a failure names the tip it stopped at and the rest stay as they were. */
  async function bulk(action: 'publish' | 'archive'): Promise<void> {
    const chosen = picked();
    message.clear();
    bulkPublish.disabled = true;
    bulkArchive.disabled = true;
    let done = 0;
    for (const tr of chosen) {
      const id = tr.dataset.tipId!;
      try {
        const updated = await ctx.api.post<Tip>(`/api/v1/tips/${encodeURIComponent(id)}/${action}`, undefined, { signal: ctx.signal });
        tr.replaceWith(row(updated));
        done += 1;
      } catch (error) {
        if (ctx.signal.aborted) return;
        message.show(new Error(`${done} of ${chosen.length} done; stopped at “${tr.querySelector('.tip-link')?.textContent ?? id}”: ${error instanceof Error ? error.message : String(error)}`));
        refreshBulk();
        return;
      }
    }
    selectAll.checked = false;
    refreshBulk();
    message.ok(`${done} tip${done === 1 ? '' : 's'} ${action === 'publish' ? 'published' : 'archived'}.`);
  }

  selectAll.addEventListener('change', () => {
    for (const box of rows.querySelectorAll<HTMLInputElement>('input.pick')) box.checked = selectAll.checked;
    refreshBulk();
  });
  bulkPublish.addEventListener('click', () => void bulk('publish'));
  bulkArchive.addEventListener('click', () => void bulk('archive'));
  let typing: number | undefined;
  const reloadSoon = (): void => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => load(true), 250);
  };
  ctx.signal.addEventListener('abort', () => window.clearTimeout(typing));
  search.addEventListener('input', reloadSoon);
  pageFilter.addEventListener('input', reloadSoon);
  appFilter.addEventListener('change', () => load(true));
  statusFilter.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));

  ctx.apps().then((apps: App[]) => {
    appNames = new Map(apps.map((app) => [app.id, app.name]));
    for (const app of apps) appFilter.appendChild(h('option', { value: app.id }, app.name));
  }, () => undefined).finally(() => load(true));
  return view;
}
