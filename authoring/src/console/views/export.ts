// Export: a download link for the events of an app and date range, as CSV or NDJSON.

import { query } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { field, h, messageArea } from '../dom.ts';

export interface ExportChoice {
  app: string;
  from: string;
  to: string;
  format: 'csv' | 'ndjson';
}

/** The export URL for a choice; empty values are left out. */
export function exportUrl(choice: ExportChoice): string {
  return `/api/v1/exports/events${query({ format: choice.format, from: choice.from, to: choice.to, app: choice.app })}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function exportView(ctx: ViewContext): HTMLElement {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 30 * 24 * 3600 * 1000);
  const app = h('select', { id: 'export-app' }, h('option', { value: '' }, 'All apps'));
  const from = h('input', { id: 'export-from', type: 'date', value: isoDate(monthAgo) });
  const to = h('input', { id: 'export-to', type: 'date', value: isoDate(today) });
  const format = h('select', { id: 'export-format' },
    h('option', { value: 'csv' }, 'CSV (spreadsheets)'),
    h('option', { value: 'ndjson' }, 'NDJSON (one JSON event per line)'),
  );
  const link = h('a', { id: 'export-link', class: 'button primary', download: '' }, 'Download events');
  const message = messageArea();

  function update(): void {
    message.clear();
    if (from.value && to.value && from.value > to.value) {
      link.removeAttribute('href');
      link.setAttribute('aria-disabled', 'true');
      message.show(new Error('“From” must not be after “To”.'));
      return;
    }
    link.removeAttribute('aria-disabled');
    const chosen: ExportChoice = { app: app.value, from: from.value, to: to.value, format: format.value === 'ndjson' ? 'ndjson' : 'csv' };
    link.setAttribute('href', exportUrl(chosen));
    link.setAttribute('download', `inflow-events-${chosen.from || 'start'}-${chosen.to || 'now'}.${chosen.format}`);
  }
  for (const control of [app, from, to, format]) control.addEventListener('change', update);
  update();

  ctx.apps().then((apps) => {
    for (const item of apps) app.appendChild(h('option', { value: item.id }, item.name));
  }, (error: unknown) => message.show(error));

  return h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Export events')),
    h('form', { class: 'card form-card', id: 'export-form', 'aria-label': 'Export events' },
      h('div', { class: 'grid-4' }, field('App', app), field('From', from), field('To', to), field('Format', format)),
      h('p', { class: 'hint' }, 'From and To are calendar dates; leave the app empty to export every app.'),
      message.element,
      h('div', { class: 'actions' }, link),
    ),
  );
}
