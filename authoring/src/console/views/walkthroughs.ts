// Walkthroughs: the list per app (status, steps, publish / archive, test run) and the editor of one walkthrough
// (title, how it starts, steps reordered, renamed or removed; saved with If-Match, published all at once).

import { ApiError, query, type App } from '../api.ts';
import { canAuthor, type ViewContext } from '../context.ts';
import { field, formatTime, h, messageArea } from '../dom.ts';
import { storedTipInput } from '../../shared/tipFields.ts';

export type WalkthroughStatus = 'draft' | 'published' | 'archived';

export interface Step {
  position: number;
  tipId: string;
  title: string;
  pageRule: string;
  url: string | null;
  onRight: number | null;
  onWrong: number | null;
}

export interface Walkthrough {
  id: string;
  appId: string;
  title: string;
  status: WalkthroughStatus;
  startOn: 'page_load' | 'launcher';
  steps: Step[];
  version: number;
  updatedAt?: string;
  updatedBy?: string | null;
}

const path = (id: string): string => `/api/v1/walkthroughs/${encodeURIComponent(id)}`;
const ifMatch = (version: number): Record<string, string> => ({ 'If-Match': `"${version}"` });

/** `#/walkthroughs/wt_x` → `wt_x`. */
export function walkthroughIdInHash(hash: string): string | null {
  const match = /^#\/walkthroughs\/([^/?#]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** Which status changes make sense from a status. */
export function walkthroughActions(status: WalkthroughStatus): Array<'publish' | 'archive'> {
  return status === 'draft' ? ['publish', 'archive'] : status === 'published' ? ['archive'] : ['publish'];
}

/** The first step's page with `#inflow-walkthrough=<id>`, which the overlay plays from step 1; null without a URL. */
export function testRunUrl(walkthrough: Pick<Walkthrough, 'id' | 'steps'>): string | null {
  const url = walkthrough.steps.find((step) => step.url)?.url;
  if (!url) return null;
  const base = url.replace(/[#&]inflow-walkthrough=[^&]*/, '');
  return `${base}${base.includes('#') ? '&' : '#'}inflow-walkthrough=${encodeURIComponent(walkthrough.id)}`;
}

/** The steps with one moved by `delta` places (kept inside the list); positions follow the new order. */
export function moveStep<T extends { position: number }>(steps: readonly T[], index: number, delta: number): T[] {
  const target = Math.max(0, Math.min(steps.length - 1, index + delta));
  const moved = steps.slice();
  const [step] = moved.splice(index, 1);
  if (step) moved.splice(target, 0, step);
  return moved.map((s, i) => ({ ...s, position: i + 1 }));
}

/** A branch to a position that moved follows its step; a branch to a removed step goes back to "next". */
export function stepsInput(steps: readonly Step[], before: readonly Step[]): Array<{ tipId: string; url: string | null; onRight: number | null; onWrong: number | null }> {
  const positionOf = (old: number | null): number | null => {
    if (old === null) return null;
    const tipId = before.find((s) => s.position === old)?.tipId;
    const index = steps.findIndex((s) => s.tipId === tipId);
    return index < 0 ? null : index + 1;
  };
  return steps.map((s) => ({ tipId: s.tipId, url: s.url, onRight: positionOf(s.onRight), onWrong: positionOf(s.onWrong) }));
}

export function walkthroughsView(ctx: ViewContext): HTMLElement {
  const editing = walkthroughIdInHash(location.hash);
  return editing ? walkthroughEditor(ctx, editing) : walkthroughList(ctx);
}

function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, status);
}

function testRunLink(walkthrough: Walkthrough): HTMLElement | null {
  const url = testRunUrl(walkthrough);
  return url ? h('a', { href: url, target: '_blank', rel: 'noopener', class: 'button small', 'data-action': 'test-run',
    'aria-label': `Test run: ${walkthrough.title}` }, 'Test run') : null;
}

function walkthroughList(ctx: ViewContext): HTMLElement {
  const appFilter = h('select', { id: 'walkthroughs-app' });
  const rows = h('tbody');
  const message = messageArea();
  const summary = h('p', { class: 'muted', id: 'walkthroughs-summary', 'aria-live': 'polite' });
  const mayChange = canAuthor(ctx.account);
  const table = h('table', { class: 'table walkthroughs-table' },
    h('caption', { class: 'visually-hidden' }, 'Walkthroughs'),
    h('colgroup', {}, h('col', { class: 'col-title' }), h('col', { class: 'col-status' }), h('col', { class: 'col-steps' }),
      h('col', { class: 'col-time' }), h('col', { class: 'col-wt-actions' })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Steps'),
      h('th', { scope: 'col' }, 'Last change'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    rows);
  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Walkthroughs')),
    h('p', { class: 'muted' }, 'Record a walkthrough with the browser extension (Record walkthrough), then edit, test-run and publish it here.'),
    h('div', { class: 'filters' }, field('App', appFilter)),
    message.element, h('div', { class: 'table-wrap' }, table), summary);

  let generation = 0;
  function load(): void {
    const mine = ++generation;
    message.clear();
    rows.replaceChildren();
    if (!appFilter.value) {
      summary.textContent = 'No app yet.';
      return;
    }
    summary.textContent = 'Loading walkthroughs…';
    ctx.api.get<{ items: Walkthrough[] }>(`/api/v1/walkthroughs${query({ appId: appFilter.value })}`, { signal: ctx.signal }).then((answer) => {
      if (mine !== generation) return;
      const items = answer.items ?? [];
      rows.replaceChildren(...items.map(row));
      summary.textContent = items.length === 0 ? 'No walkthroughs in this app yet.' : `${items.length} walkthrough${items.length === 1 ? '' : 's'}`;
    }, (error: unknown) => {
      if (mine !== generation || ctx.signal.aborted) return;
      summary.textContent = '';
      message.show(error);
    });
  }

  function row(walkthrough: Walkthrough): HTMLTableRowElement {
    const actions = h('td', { class: 'row-actions' });
    if (mayChange) {
      for (const action of walkthroughActions(walkthrough.status)) {
        const label = action === 'publish' ? 'Publish' : 'Archive';
        const button = h('button', { type: 'button', class: 'small secondary', 'data-action': action, 'aria-label': `${label}: ${walkthrough.title}` }, label);
        button.addEventListener('click', () => {
          message.clear();
          button.disabled = true;
          ctx.api.post<Walkthrough>(`${path(walkthrough.id)}/${action}`, undefined, { signal: ctx.signal, headers: ifMatch(walkthrough.version) })
            .then((updated) => {
              const fresh = row(updated);
              tr.replaceWith(fresh);
              (fresh.querySelector('button') ?? fresh.querySelector('a'))?.focus();
            }, (error: unknown) => {
              if (ctx.signal.aborted) return;
              button.disabled = false;
              message.show(error);
            });
        });
        actions.appendChild(button);
      }
    }
    actions.append(testRunLink(walkthrough) ?? '');
    const tr = h('tr', { 'data-walkthrough-id': walkthrough.id, 'data-status': walkthrough.status },
      h('td', { class: 'ellipsis', title: walkthrough.title },
        h('a', { href: `#/walkthroughs/${encodeURIComponent(walkthrough.id)}`, class: 'walkthrough-link' }, walkthrough.title)),
      h('td', {}, statusBadge(walkthrough.status)),
      h('td', { class: 'steps-count' }, String(walkthrough.steps.length)),
      h('td', {}, h('time', { datetime: walkthrough.updatedAt ?? null }, formatTime(walkthrough.updatedAt))),
      actions);
    return tr;
  }

  appFilter.addEventListener('change', load);
  ctx.apps().then((apps: App[]) => {
    appFilter.replaceChildren(...apps.map((app) => h('option', { value: app.id }, app.name)));
  }, (error: unknown) => message.show(error)).finally(load);
  return view;
}

function walkthroughEditor(ctx: ViewContext, id: string): HTMLElement {
  const mayChange = canAuthor(ctx.account);
  const message = messageArea('walkthrough-message');
  const heading = h('h1', { id: 'view-heading', class: 'ellipsis' }, 'Walkthrough');
  const status = h('span', { id: 'walkthrough-status' });
  const title = h('input', { id: 'walkthrough-title', type: 'text', maxlength: 200, autocomplete: 'off', disabled: !mayChange });
  const startOn = h('select', { id: 'walkthrough-start', disabled: !mayChange },
    h('option', { value: 'launcher' }, 'when the learner starts it (launcher)'),
    h('option', { value: 'page_load' }, 'by itself on the first step’s page'));
  const steps = h('ol', { id: 'walkthrough-steps', class: 'steps' });
  const save = h('button', { type: 'button', class: 'primary', id: 'walkthrough-save', hidden: !mayChange }, 'Save');
  const publish = h('button', { type: 'button', id: 'walkthrough-publish', hidden: !mayChange }, 'Publish');
  const archive = h('button', { type: 'button', class: 'secondary', id: 'walkthrough-archive', hidden: !mayChange }, 'Archive');
  const run = h('span', { class: 'test-run' });
  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('a', { href: '#/walkthroughs', class: 'back' }, '← Walkthroughs'), heading, status),
    message.element,
    h('div', { class: 'card walkthrough-editor' },
      field('Title', title), field('Starts', startOn),
      h('h2', { id: 'steps-heading' }, 'Steps'),
      h('p', { class: 'hint' }, 'Each step is a tip: rename it here, or open it to write its text. Move steps with the arrow buttons.'),
      steps,
      h('div', { class: 'actions start' }, save, publish, archive, run)));
  steps.setAttribute('aria-labelledby', 'steps-heading');

  let current: Walkthrough | null = null;
  let order: Step[] = [];
  /** Step titles the author changed, by tip id: saved to the tips with their own If-Match. */
  const renamed = new Map<string, string>();

  function show(walkthrough: Walkthrough): void {
    current = walkthrough;
    order = walkthrough.steps.slice();
    renamed.clear();
    heading.textContent = walkthrough.title;
    heading.setAttribute('title', walkthrough.title);
    status.replaceChildren(statusBadge(walkthrough.status));
    title.value = walkthrough.title;
    startOn.value = walkthrough.startOn;
    publish.hidden = !mayChange || walkthrough.status === 'published';
    archive.hidden = !mayChange || walkthrough.status === 'archived';
    run.replaceChildren(testRunLink(walkthrough) ?? '');
    drawSteps();
  }

  function drawSteps(focus?: { index: number; action: string }): void {
    steps.replaceChildren(...order.map((step, index) => {
      const name = h('input', { type: 'text', class: 'step-title', maxlength: 200, value: renamed.get(step.tipId) ?? step.title,
        'aria-label': `Title of step ${index + 1}`, disabled: !mayChange });
      name.addEventListener('input', () => renamed.set(step.tipId, name.value));
      const button = (action: string, label: string, text: string, disabled: boolean): HTMLButtonElement => {
        const b = h('button', { type: 'button', class: 'small secondary', 'data-action': action, 'aria-label': `${label} step ${index + 1}`, disabled });
        b.textContent = text;
        return b;
      };
      const up = button('up', 'Move up', '↑', !mayChange || index === 0);
      const down = button('down', 'Move down', '↓', !mayChange || index === order.length - 1);
      const remove = button('remove', 'Remove', 'Remove', !mayChange || order.length === 1);
      up.addEventListener('click', () => reorder(index, -1, 'up'));
      down.addEventListener('click', () => reorder(index, 1, 'down'));
      remove.addEventListener('click', () => {
        order = order.filter((_, i) => i !== index).map((s, i) => ({ ...s, position: i + 1 }));
        drawSteps({ index: Math.min(index, order.length - 1), action: 'up' });
      });
      const li = h('li', { class: 'step', 'data-tip-id': step.tipId },
        h('span', { class: 'step-number' }, `${index + 1}.`), name,
        h('code', { class: 'ellipsis', title: step.url ?? step.pageRule }, step.pageRule),
        h('a', { href: `#/tips/${encodeURIComponent(step.tipId)}`, class: 'step-open', 'aria-label': `Open the tip of step ${index + 1}` }, 'Edit text'),
        up, down, remove);
      return li;
    }));
    if (focus) {
      const li = steps.children[focus.index];
      (li?.querySelector<HTMLButtonElement>(`[data-action="${focus.action}"]:not([disabled])`) ?? li?.querySelector<HTMLElement>('input'))?.focus();
    }
  }

  function reorder(index: number, delta: number, action: string): void {
    order = moveStep(order, index, delta);
    drawSteps({ index: Math.max(0, Math.min(order.length - 1, index + delta)), action });
  }

  async function saveAll(): Promise<Walkthrough> {
    if (!current) throw new Error('not loaded yet');
    // step titles live on their tips: each saved on top of the version read, never over someone else's save
    for (const [tipId, newTitle] of renamed) {
      const stored = await ctx.api.get<Record<string, unknown> & { version: number }>(`/api/v1/tips/${encodeURIComponent(tipId)}`, { signal: ctx.signal });
      if (stored.title === newTitle.trim()) continue;
      await ctx.api.request('PUT', `/api/v1/tips/${encodeURIComponent(tipId)}`, storedTipInput(stored, { title: newTitle.trim() }),
        { signal: ctx.signal, headers: ifMatch(stored.version) });
    }
    renamed.clear();
    return ctx.api.request<Walkthrough>('PUT', path(current.id), {
      title: title.value.trim(), startOn: startOn.value, steps: stepsInput(order, current.steps),
    }, { signal: ctx.signal, headers: ifMatch(current.version) });
  }

  function act(button: HTMLButtonElement, work: () => Promise<Walkthrough>, done: string): void {
    message.clear();
    button.disabled = true;
    work().then((walkthrough) => {
      show(walkthrough);
      message.ok(done);
    }, (error: unknown) => {
      if (ctx.signal.aborted) return;
      message.show(error instanceof ApiError && error.status === 412
        ? new Error('Someone else saved this walkthrough (or one of its steps) after you opened it; nothing of yours was overwritten. Reload to see their changes.')
        : error);
    }).finally(() => {
      button.disabled = false;
    });
  }

  save.addEventListener('click', () => act(save, saveAll, 'Saved.'));
  // unsaved edits go in first, so what is published is what the author sees
  publish.addEventListener('click', () => act(publish, async () => {
    const saved = await saveAll();
    return ctx.api.post<Walkthrough>(`${path(saved.id)}/publish`, undefined, { signal: ctx.signal, headers: ifMatch(saved.version) });
  }, 'Published: the walkthrough and all its steps.'));
  archive.addEventListener('click', () => act(archive, async () =>
    ctx.api.post<Walkthrough>(`${path(id)}/archive`, undefined, { signal: ctx.signal, headers: ifMatch(current!.version) }), 'Archived.'));

  ctx.api.get<Walkthrough>(path(id), { signal: ctx.signal }).then(show, (error: unknown) => {
    if (!ctx.signal.aborted) message.show(error);
  });
  return view;
}
