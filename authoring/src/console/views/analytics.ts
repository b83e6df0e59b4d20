// Analytics: totals and trends, walkthrough funnels, helpful tips, content gaps, anchor health and mastery per team,
// for one app, a date range and optionally a page rule and a learner trait. Every chart has its table and a CSV download.

import type { ViewContext } from '../context.ts';
import { field, h, messageArea } from '../dom.ts';
import { barChart, canDraw, lineChart, series } from '../analytics/chart.ts';
import { wireReport } from '../reportForm.ts';
import {
  anchorHealth, byHelpfulness, contentGaps, funnels, percent, reportUrl, totals, traitFilter, trendData,
  type Report, type ReportFilter, type ReportName, type Row,
} from '../analytics/reports.ts';

const TREND = ['shown', 'dismissed', 'completed'] as const;
const TOTALS: readonly [string, string][] = [
  ['shown', 'Shown'], ['dismissed', 'Dismissed'], ['completed', 'Completed'], ['helpfulYes', 'Helpful'],
  ['helpfulNo', 'Not helpful'], ['linksOpened', 'Learn more opened'], ['checksRight', 'Checks right'], ['checksWrong', 'Checks wrong'],
];

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A table of chosen columns; `format` turns a cell into text. */
export function table(id: string, caption: string, rows: Row[], columns: readonly [string, string][],
  format: (column: string, value: Row[string]) => string = (_c, v) => (v === null || v === undefined ? '—' : String(v))): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table', id },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...columns.map(([, label]) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...(rows.length
        ? rows.map((row) => h('tr', {}, ...columns.map(([column]) => h('td', {}, format(column, row[column])))))
        : [h('tr', {}, h('td', { colspan: columns.length }, 'No data in this range.'))]))));
}

function download(name: ReportName, filter: ReportFilter, label: string): HTMLElement {
  return h('a', { class: 'button secondary small', href: reportUrl(name, filter, 'csv'), download: `inflow-${name}.csv`, 'data-csv': name }, label);
}

function panel(id: string, title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h('section', { class: 'card analytics-panel', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title), ...children);
}

const rateColumns = (column: string, value: Row[string]): string =>
  column.endsWith('Rate') ? percent(value) : value === null || value === undefined ? '—' : String(value);

/** Mastery across learners grouped by one trait, as GET /api/v1/apps/{appId}/mastery?by=trait answers it. */
interface Mastery {
  items: Row[];
}

/** A CSV file of rows made in the browser (mastery has no CSV endpoint), as a data: URL. */
function csvHref(rows: Row[]): string {
  const columns = ['key', 'learners', 'seen', 'answered', 'right', 'rightShare', 'reviewsDue'];
  const cell = (v: Row[string]): string => {
    const text = v === null || v === undefined ? '' : String(v);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n');
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

export function analyticsView(ctx: ViewContext): HTMLElement {
  const today = new Date();
  const app = h('select', { id: 'analytics-app' });
  const from = h('input', { id: 'analytics-from', type: 'date', value: isoDate(new Date(today.getTime() - 29 * 86_400_000)) });
  const to = h('input', { id: 'analytics-to', type: 'date', value: isoDate(today) });
  const pageRule = h('input', { id: 'analytics-page-rule', type: 'text', placeholder: '/opportunities/:id' });
  const trait = h('input', { id: 'analytics-trait', type: 'text', placeholder: 'team:support' });
  const groupBy = h('input', { id: 'analytics-mastery-trait', type: 'text', value: 'team', 'aria-label': 'Trait to group mastery by' });
  const message = messageArea();
  const output = h('div', { id: 'analytics-output', class: 'analytics' });
  let teardowns: (() => void)[] = [];
  const clearCharts = (): void => {
    teardowns.forEach((stop) => stop());
    teardowns = [];
  };
  ctx.signal.addEventListener('abort', clearCharts);
  const drawing = canDraw();

  function chart(draw: (host: HTMLElement) => Promise<() => void>): HTMLElement | null {
    if (!drawing) return null;
    const host = h('div', { class: 'chart' });
    // drawn once the host is in the document, so it knows its width
    queueMicrotask(() => {
      if (ctx.signal.aborted) return;
      draw(host).then((stop) => {
        if (ctx.signal.aborted) stop();
        else teardowns.push(stop);
      }, () => host.replaceChildren(h('p', { class: 'hint' }, 'This chart could not be drawn; its table follows.')));
    });
    return host;
  }

  async function load(): Promise<void> {
    message.clear();
    if (!app.value) return;
    if (from.value && to.value && from.value > to.value) {
      message.show(new Error('“From” must not be after “To”.'));
      return;
    }
    const filter: ReportFilter = { app: app.value, from: from.value, to: to.value, pageRule: pageRule.value.trim(), trait: traitFilter(trait.value) };
    const get = (name: ReportName) => ctx.api.get<Report>(reportUrl(name, filter), { signal: ctx.signal });
    const by = groupBy.value.trim() || 'team';
    output.setAttribute('aria-busy', 'true');
    try {
      const [days, tips, walkthroughs, searches, pages, mastery] = await Promise.all([get('days'), get('tips'), get('walkthroughs'),
        get('searches'), get('gaps'), ctx.api.get<Mastery>(`/api/v1/apps/${encodeURIComponent(filter.app)}/mastery?by=trait&trait=${encodeURIComponent(by)}`,
          { signal: ctx.signal })]);
      if (ctx.signal.aborted) return;
      clearCharts();
      render(filter, days, tips, walkthroughs, searches);
      output.append(pagesPanel(filter, pages), masteryPanel(by, mastery));
    } catch (error) {
      if (!ctx.signal.aborted) message.show(error);
    } finally {
      output.removeAttribute('aria-busy');
    }
  }

  function render(filter: ReportFilter, days: Report, tips: Report, walkthroughs: Report, searches: Report): void {
    const sums = totals(days.items, TOTALS.map(([c]) => c));
    const totalsList = h('ul', { class: 'analytics-totals', id: 'analytics-totals' },
      ...TOTALS.map(([column, label]) => h('li', { 'data-total': column }, h('strong', {}, String(sums[column] ?? 0)), h('span', {}, label))),
      h('li', { 'data-total': 'lost' }, h('strong', {}, String(days.lost)), h('span', {}, 'Events lost by browsers')));

    const trend = panel('analytics-trend', 'Trend',
      chart((host) => lineChart(host, 'Tips per day', series(TREND.map((c) => c)), trendData(days.items, TREND))),
      table('analytics-days-table', 'Per day', days.items, [['day', 'Day'], ['shown', 'Shown'], ['learners', 'Learners'],
        ['dismissed', 'Dismissed'], ['completed', 'Completed'], ['helpfulYes', 'Helpful'], ['helpfulNo', 'Not helpful']]),
      download('days', filter, 'Download per day (CSV)'));

    const funnelPanels = [...funnels(walkthroughs.items)].map(([id, steps]) => h('div', { class: 'funnel', 'data-walkthrough': id },
      h('h3', {}, id),
      chart((host) => barChart(host, `Funnel: ${id}`, steps.map((s) => `Step ${s.step}`), series(['Reached', 'Completed']),
        [steps.map((s) => Number(s.reached)), steps.map((s) => Number(s.completed))])),
      table(`analytics-funnel-${id}`, `Funnel of ${id}`, steps, [['step', 'Step'], ['reached', 'Reached'], ['completed', 'Completed'], ['dropped', 'Dropped']])));
    const funnel = panel('analytics-funnels', 'Walkthrough funnels',
      ...(funnelPanels.length ? funnelPanels : [h('p', { class: 'hint' }, 'No walkthrough steps in this range.')]),
      download('walkthroughs', filter, 'Download funnels (CSV)'));

    const helpful = byHelpfulness(tips.items);
    const helpColumns: [string, string][] = [['title', 'Tip'], ['helpfulYes', 'Helpful'], ['helpfulNo', 'Not helpful'], ['helpfulRate', 'Helpful rate']];
    const mostHelpful = helpful.slice(0, 10);
    const leastHelpful = helpful.slice().reverse().slice(0, 10);
    const helpfulPanel = panel('analytics-helpful', 'Most and least helpful tips',
      chart((host) => barChart(host, 'Helpful rate, most helpful first', mostHelpful.map((t) => String(t.title ?? t.tipId)),
        series(['Helpful rate %']), [mostHelpful.map((t) => Math.round(Number(t.helpfulRate) * 100))])),
      h('h3', {}, 'Most helpful'), table('analytics-most-helpful', 'Most helpful tips', mostHelpful, helpColumns, rateColumns),
      h('h3', {}, 'Least helpful'), table('analytics-least-helpful', 'Least helpful tips', leastHelpful, helpColumns, rateColumns),
      download('tips', filter, 'Download per tip (CSV)'));

    const gaps = contentGaps(searches.items);
    const gapsPanel = panel('analytics-gaps', 'Content gaps: searches with no result',
      chart((host) => barChart(host, 'Searches with no result', gaps.slice(0, 12).map((g) => String(g.term)), series(['Searches', 'No result']),
        [gaps.slice(0, 12).map((g) => Number(g.searches)), gaps.slice(0, 12).map((g) => Number(g.noResult))])),
      table('analytics-gaps-table', 'Searches with no result', gaps, [['term', 'Search term'], ['searches', 'Searches'], ['noResult', 'No result']]),
      download('searches', filter, 'Download searches (CSV)'));

    const anchors = anchorHealth(tips.items);
    const anchorPanel = panel('analytics-anchors', 'Anchor health',
      chart((host) => barChart(host, 'Anchor found-rate, weakest first', anchors.slice(0, 12).map((t) => String(t.title ?? t.tipId)),
        series(['Found %']), [anchors.slice(0, 12).map((t) => Math.round(Number(t.anchorFoundRate) * 100))])),
      table('analytics-anchors-table', 'Anchor found-rate per tip', anchors,
        [['title', 'Tip'], ['pageRule', 'Page rule'], ['shown', 'Shown'], ['anchorMissing', 'Anchor missing'], ['anchorFoundRate', 'Found rate']], rateColumns),
      download('tips', filter, 'Download per tip (CSV)'));

    output.replaceChildren(totalsList, trend, funnel, helpfulPanel, gapsPanel, anchorPanel);
  }

  function pagesPanel(filter: ReportFilter, pages: Report): HTMLElement {
    const top = pages.items.slice(0, 12);
    return panel('analytics-pages', 'Content gaps: pages with traffic and no tips',
      chart((host) => barChart(host, 'Page views of pages without a tip', top.map((p) => String(p.path)), series(['Views']),
        [top.map((p) => Number(p.views))])),
      table('analytics-pages-table', 'Pages with views and no tip whose page rule matches them', pages.items, [['path', 'Page'], ['views', 'Views']]),
      download('gaps', filter, 'Download pages without tips (CSV)'));
  }

  function masteryPanel(by: string, mastery: Mastery): HTMLElement {
    const rows: Row[] = mastery.items.map((g) => ({ ...g, key: g.key === '' ? `(no ${by})` : g.key }));
    return panel('analytics-mastery', `Mastery per ${by}`,
      chart((host) => barChart(host, `Checks answered right, per ${by}`, rows.map((g) => String(g.key)), series(['Right %']),
        [rows.map((g) => Math.round(Number(g.rightShare) * 100))])),
      table('analytics-mastery-table', `Mastery per ${by}`, rows, [['key', by], ['learners', 'Learners'], ['seen', 'Tips seen'],
        ['answered', 'Checks answered'], ['right', 'Right'], ['rightShare', 'Right rate'], ['reviewsDue', 'Reviews due']],
      (column, value) => (column === 'rightShare' ? percent(value) : rateColumns(column, value))),
      h('a', { class: 'button secondary small', href: csvHref(rows), download: `inflow-mastery-${by}.csv`, 'data-csv': 'mastery' },
        'Download mastery (CSV)'));
  }

  const form = h('form', { class: 'card form-card', id: 'analytics-form', 'aria-label': 'Analytics filters' },
    h('div', { class: 'grid-4' }, field('App', app), field('From', from), field('To', to), field('Page rule', pageRule),
      field('Trait', trait), field('Mastery per trait', groupBy)),
    h('p', { class: 'hint' }, 'Whole UTC days. The page rule narrows tip figures to tips with exactly that rule; the trait (team:support) to learners identified with it.'),
    message.element);
  wireReport(ctx, form, app, [from, to, pageRule, trait, groupBy], (error) => message.show(error), load);

  return h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Analytics')), form, output);
}
