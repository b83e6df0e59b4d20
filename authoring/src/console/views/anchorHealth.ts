// Anchor health on the Tips page: tips whose element is not found (broken) or found narrowly or now and then
// (degraded) come first, per page, with how they were missed; Re-pin opens the page with the extension's picker armed.

import { query, type App } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { h, messageArea } from '../dom.ts';

/** One row of GET /api/v1/anchor-health. */
export interface HealthRow {
  tipId: string;
  page: string;
  status: 'broken' | 'degraded' | 'ok';
  foundRate: number;
  shown: number;
  lowConfidence: number;
  missing: number;
  misses: Record<string, number>;
  meanConfidence: number | null;
}

const ORDER: Record<HealthRow['status'], number> = { broken: 0, degraded: 1, ok: 2 };

/** Broken, then degraded, the lowest found-rate first; tips whose anchors are fine are left out. */
export function needingCare(rows: readonly HealthRow[]): HealthRow[] {
  return rows.filter((row) => row.status !== 'ok')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.foundRate - b.foundRate || a.tipId.localeCompare(b.tipId));
}

/** `not_found ×3 · ambiguous ×1 · 2 low-confidence`. */
export function missSummary(row: HealthRow): string {
  const parts = Object.entries(row.misses).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type.replace(/_/g, ' ')} ×${n}`);
  if (row.lowConfidence > 0) parts.push(`${row.lowConfidence} low-confidence`);
  return parts.join(' · ') || '—';
}

/**
 * The page on the app's first origin, asking the extension's picker to start armed to re-pin the tip
 * (`#inflow-repin=<tipId>`, after the page's own hash route if it has one).
 */
export function repinUrl(app: App | undefined, page: string, tipId: string): string | null {
  const origin = app?.allowedOrigins?.[0];
  if (!origin || !page.startsWith('/')) return null;
  return `${origin.replace(/\/+$/, '')}${page}${page.includes('#') ? '&' : '#'}inflow-repin=${encodeURIComponent(tipId)}`;
}

export function anchorHealthPanel(ctx: ViewContext): HTMLElement {
  const rows = h('tbody');
  const message = messageArea();
  const summary = h('p', { class: 'muted', id: 'health-summary', 'aria-live': 'polite' }, 'Checking anchors…');
  const table = h('table', { class: 'table health-table', hidden: true },
    h('caption', { class: 'visually-hidden' }, 'Tips whose anchors need care'),
    h('colgroup', {},
      h('col', { class: 'col-title' }), h('col', { class: 'col-status' }), h('col', { class: 'col-rule' }),
      h('col', { class: 'col-rate' }), h('col', { class: 'col-misses' }), h('col', { class: 'col-open' })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Tip'), h('th', { scope: 'col' }, 'Anchor'), h('th', { scope: 'col' }, 'Page'),
      h('th', { scope: 'col' }, 'Found'), h('th', { scope: 'col' }, 'Misses'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Re-pin')))),
    rows);
  const panel = h('section', { class: 'health', id: 'anchor-health', 'aria-labelledby': 'health-heading' },
    h('h2', { id: 'health-heading' }, 'Anchors to fix'),
    summary, message.element, h('div', { class: 'table-wrap' }, table));

  void (async () => {
    try {
      const apps = await ctx.apps();
      const found: Array<{ app: App; row: HealthRow }> = [];
      for (const app of apps) {
        const answer = await ctx.api.get<{ items: HealthRow[] }>(`/api/v1/anchor-health${query({ app: app.id })}`, { signal: ctx.signal });
        for (const row of needingCare(answer.items ?? [])) found.push({ app, row });
      }
      found.sort((a, b) => ORDER[a.row.status] - ORDER[b.row.status] || a.row.foundRate - b.row.foundRate);
      const titles = await Promise.all(found.map(({ row }) => ctx.api.get<{ title: string }>(`/api/v1/tips/${encodeURIComponent(row.tipId)}`,
        { signal: ctx.signal }).then((tip) => tip.title, () => row.tipId)));
      if (ctx.signal.aborted) return;
      summary.textContent = found.length === 0
        ? 'Every anchor was found on its pages in the last 30 days.'
        : `${found.length} tip${found.length === 1 ? '' : 's'} on ${new Set(found.map(({ row }) => row.page)).size} page(s) need care: broken first.`;
      table.hidden = found.length === 0;
      rows.replaceChildren(...found.map(({ app, row }, i) => line(app, row, titles[i] ?? row.tipId)));
    } catch (error) {
      if (ctx.signal.aborted) return;
      summary.textContent = '';
      message.show(error);
    }
  })();
  return panel;

  function line(app: App, row: HealthRow, title: string): HTMLTableRowElement {
    const url = repinUrl(app, row.page, row.tipId);
    return h('tr', { 'data-tip-id': row.tipId, 'data-health': row.status },
      h('td', { class: 'ellipsis', title }, h('a', { href: `#/tips/${encodeURIComponent(row.tipId)}`, class: 'tip-link' }, title)),
      h('td', {}, h('span', { class: `badge badge-${row.status}` }, row.status)),
      h('td', { class: 'ellipsis', title: row.page }, h('code', {}, row.page || '—')),
      h('td', {}, `${Math.round(row.foundRate * 100)}% of ${row.shown + row.missing}`),
      h('td', { class: 'ellipsis misses', title: missSummary(row) }, missSummary(row)),
      h('td', {}, url
        ? h('a', { href: url, target: '_blank', rel: 'noopener', class: 'button small', 'aria-label': `Re-pin on its page: ${title}`, 'data-action': 're-pin' }, 'Re-pin')
        : null));
  }
}
