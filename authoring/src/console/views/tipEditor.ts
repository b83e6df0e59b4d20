// One tip in the console: the same editor the picker shows on the live page, and its versions with restore.

import { createPickerApi } from '../../picker/api.ts';
import { Disposer } from '../../picker/disposer.ts';
import { openForm } from '../../picker/form.ts';
import { PICKER_CSS, applyStyles } from '../../picker/styles.ts';
import type { TipFields } from '../../shared/tipFields.ts';
import { ApiError } from '../api.ts';
import { canAuthor, type ViewContext } from '../context.ts';
import { formatTime, h, messageArea } from '../dom.ts';

/** A tip as GET /api/v1/tips/{id} answers it; fields this server does not store yet may be missing. */
export interface EditedTip extends Partial<TipFields> {
  id: string;
  appId: string;
  title: string;
  status: string;
  version: number;
}

export interface Version {
  version: number;
  change: string;
  changedFields: string[];
  by: string | null;
  at: string;
  tip: Partial<TipFields>;
}

/** The editor's fields from a stored tip, with defaults for those the server does not send yet. */
export function fieldsOf(tip: Partial<TipFields> & { title?: string }): TipFields {
  return {
    title: tip.title ?? '',
    body: tip.body ?? '',
    presentation: tip.presentation ?? 'tooltip',
    placement: tip.placement ?? 'auto',
    pageRule: tip.pageRule ?? '',
    anchor: tip.anchor ?? null,
    learnMore: tip.learnMore ?? null,
    media: tip.media ?? null,
    trigger: tip.trigger ?? 'page_load',
    frequency: tip.frequency ?? 'until_dismissed',
    audience: tip.audience ?? [],
    schedule: tip.schedule ?? null,
    priority: tip.priority ?? 0,
    locales: tip.locales ?? {},
    reinforce: tip.reinforce ?? false,
    check: tip.check ?? null,
  };
}

const tipPath = (id: string): string => `/api/v1/tips/${encodeURIComponent(id)}`;

export function tipEditorView(ctx: ViewContext, tipId: string): HTMLElement {
  const message = messageArea('editor-message');
  const editorHost = h('div', { id: 'tip-editor', class: 'editor-host' });
  const versionRows = h('tbody');
  const versions = h('section', { class: 'versions', 'aria-labelledby': 'versions-heading' },
    h('h2', { id: 'versions-heading' }, 'Versions'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table versions-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'col-version' }, 'Version'), h('th', { scope: 'col' }, 'Change'),
        h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'When'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      versionRows)));
  const heading = h('h1', { id: 'view-heading', class: 'ellipsis' }, 'Tip');
  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('a', { href: '#/tips', class: 'back' }, '← Tips'), heading),
    message.element, editorHost, versions);

  const mayChange = canAuthor(ctx.account);
  let disposer: Disposer | null = null;
  ctx.signal.addEventListener('abort', () => disposer?.dispose());
  const pickerApi = createPickerApi('', '', ctx.signal);

  function showEditor(tip: EditedTip): void {
    disposer?.dispose();
    const mine = new Disposer();
    disposer = mine;
    heading.textContent = tip.title;
    heading.setAttribute('title', tip.title);
    const host = h('div', { class: 'editor-shadow' });
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, PICKER_CSS);
    const ui = h('div', { class: 'ui' });
    root.appendChild(ui);
    editorHost.replaceChildren(host);
    mine.add(() => host.remove());
    openForm({
      doc: document,
      win: window,
      parent: ui,
      api: pickerApi,
      disposer: mine,
      anchor: tip.anchor ?? null,
      anchorWarning: null,
      target: tip.anchor ? `the element recorded by the picker (${tip.status})` : '',
      preferLeft: false,
      embedded: true,
      pageUrl: null,
      tip: { id: tip.id, appId: tip.appId, version: tip.version, fields: fieldsOf(tip) },
      onClose: () => {
        location.hash = '#/tips';
      },
      onSaved: () => loadVersions(),
    });
  }

  function loadTip(): void {
    ctx.api.get<EditedTip>(tipPath(tipId), { signal: ctx.signal }).then(showEditor, (error: unknown) => {
      if (!ctx.signal.aborted) message.show(error);
    });
  }

  function loadVersions(): void {
    ctx.api.get<{ items: Version[] }>(`${tipPath(tipId)}/versions`, { signal: ctx.signal }).then((answer) => {
      versionRows.replaceChildren(...answer.items.map(versionRow));
    }, (error: unknown) => {
      if (!ctx.signal.aborted) message.show(error);
    });
  }

  function versionRow(version: Version, index: number): HTMLTableRowElement {
    const changed = version.changedFields.length > 0 ? ` (${version.changedFields.join(', ')})` : '';
    const actions = h('td', { class: 'row-actions' });
    if (mayChange && index > 0) {
      const restore = h('button', { type: 'button', class: 'small secondary', 'data-action': 'restore',
        'aria-label': `Restore version ${version.version}` }, 'Restore');
      restore.addEventListener('click', () => restoreVersion(version.version, restore));
      actions.appendChild(restore);
    }
    return h('tr', { 'data-version': String(version.version) },
      h('td', {}, String(version.version)),
      h('td', { class: 'ellipsis', title: version.change + changed }, version.change + changed),
      h('td', { class: 'ellipsis', title: version.by ?? '' }, version.by ?? '—'),
      h('td', {}, h('time', { datetime: version.at }, formatTime(version.at))),
      actions);
  }

  function restoreVersion(version: number, button: HTMLButtonElement): void {
    button.disabled = true;
    message.clear();
    // restore on top of the version the author sees; someone else's newer save is not overwritten
    const current = versionRows.querySelector<HTMLElement>('tr[data-version]')?.dataset.version;
    const headers = current ? { 'If-Match': `"${current}"` } : undefined;
    ctx.api.post<EditedTip>(`${tipPath(tipId)}/versions/${version}/restore`, undefined, { signal: ctx.signal, headers })
      .then((tip) => {
        showEditor(tip);
        loadVersions();
        message.ok(`Version ${version} restored as version ${tip.version}.`);
      }, (error: unknown) => {
        if (ctx.signal.aborted) return;
        button.disabled = false;
        message.show(error instanceof ApiError && error.status === 412
          ? new Error('Someone else saved this tip meanwhile; the versions are reloaded. Check them, then restore again.')
          : error);
        if (error instanceof ApiError && error.status === 412) loadVersions();
      });
  }

  loadTip();
  loadVersions();
  return view;
}
