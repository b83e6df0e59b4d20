// The analytics reports the server answers, and pure functions that shape them for charts and tables.

import { query } from '../api.ts';

export type ReportName = 'days' | 'tips' | 'walkthroughs' | 'searches' | 'gaps';
export type Row = Record<string, string | number | null>;

export interface Report {
  columns: string[];
  items: Row[];
  lost: number;
}

export interface ReportFilter {
  app: string;
  from: string;
  to: string;
  pageRule: string;
  /** name:value, e.g. team:support: only learners with that trait (not for pages, which are not per learner). */
  trait: string;
}

/** The report's URL; `format` csv or ndjson gives a download of the same rows. */
export function reportUrl(name: ReportName, filter: ReportFilter, format: 'json' | 'csv' = 'json'): string {
  return `/api/v1/analytics/${name}${query({
    app: filter.app,
    from: filter.from,
    to: filter.to,
    pageRule: name === 'tips' || name === 'days' ? filter.pageRule : '',
    trait: name === 'gaps' ? '' : filter.trait,
    format: format === 'json' ? '' : format,
  })}`;
}

const num = (row: Row, column: string): number => Number(row[column] ?? 0);

/** Sums of the counters over every row. */
export function totals(days: Row[], columns: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const column of columns) out[column] = days.reduce((sum, row) => sum + num(row, column), 0);
  return out;
}

/** uPlot's aligned data: x as Unix seconds of each UTC day, then one array per series. */
export function trendData(days: Row[], series: readonly string[]): number[][] {
  const xs = days.map((row) => Date.parse(`${String(row.day)}T00:00:00Z`) / 1000);
  return [xs, ...series.map((column) => days.map((row) => num(row, column)))];
}

/** Tips with at least `minVotes` helpful votes, most helpful first (ties: more votes first). */
export function byHelpfulness(tips: Row[], minVotes = 1): Row[] {
  const votes = (row: Row) => num(row, 'helpfulYes') + num(row, 'helpfulNo');
  return tips
    .filter((row) => votes(row) >= minVotes)
    .sort((a, b) => num(b, 'helpfulRate') - num(a, 'helpfulRate') || votes(b) - votes(a));
}

/** Tips whose anchor was looked for, least often found first. */
export function anchorHealth(tips: Row[]): Row[] {
  return tips
    .filter((row) => row.anchorFoundRate !== null && row.anchorFoundRate !== undefined)
    .sort((a, b) => num(a, 'anchorFoundRate') - num(b, 'anchorFoundRate'));
}

/** A trait filter as typed ("team = support", "team:support") in the API's name:value form; '' when empty. */
export function traitFilter(text: string): string {
  const match = /^\s*([^:=]+?)\s*[:=]\s*(.+?)\s*$/.exec(text);
  return match ? `${match[1]}:${match[2]}` : text.trim();
}

/** Search terms that found nothing at least once, most often first. */
export function contentGaps(searches: Row[]): Row[] {
  return searches.filter((row) => num(row, 'noResult') > 0).sort((a, b) => num(b, 'noResult') - num(a, 'noResult'));
}

/** One funnel per walkthrough, steps in order. */
export function funnels(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const id = String(row.walkthroughId);
    out.set(id, [...(out.get(id) ?? []), row]);
  }
  for (const steps of out.values()) steps.sort((a, b) => num(a, 'step') - num(b, 'step'));
  return out;
}

/** A rate as a whole percentage, or a dash. */
export function percent(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${Math.round(Number(value) * 100)} %`;
}
