import { afterEach, describe, expect, it } from 'vitest';
import { Api, type App } from '../src/console/api.ts';
import type { ViewContext } from '../src/console/context.ts';
import {
  anchorHealth, byHelpfulness, contentGaps, funnels, percent, reportUrl, totals, traitFilter, trendData, type Row,
} from '../src/console/analytics/reports.ts';
import { analyticsView } from '../src/console/views/analytics.ts';

const filter = { app: 'app_1', from: '2026-11-01', to: '2026-11-30', pageRule: '/opportunities/:id', trait: '' };

describe('analytics reports', () => {
  it('builds report and CSV URLs; the page rule only narrows tip reports', () => {
    expect(reportUrl('tips', filter)).toBe('/api/v1/analytics/tips?app=app_1&from=2026-11-01&to=2026-11-30&pageRule=%2Fopportunities%2F%3Aid');
    expect(reportUrl('searches', filter, 'csv')).toBe('/api/v1/analytics/searches?app=app_1&from=2026-11-01&to=2026-11-30&format=csv');
  });

  it('passes a trait filter to every per-learner report, not to page views', () => {
    const team = { ...filter, trait: traitFilter(' team = support ') };
    expect(team.trait).toBe('team:support');
    expect(traitFilter('region:emea:north')).toBe('region:emea:north');
    expect(traitFilter('')).toBe('');
    expect(reportUrl('days', team)).toContain('&trait=team%3Asupport');
    expect(reportUrl('walkthroughs', team, 'csv')).toBe('/api/v1/analytics/walkthroughs?app=app_1&from=2026-11-01&to=2026-11-30&trait=team%3Asupport&format=csv');
    expect(reportUrl('gaps', team)).toBe('/api/v1/analytics/gaps?app=app_1&from=2026-11-01&to=2026-11-30');
  });

  it('turns days into uPlot data with UTC midnight x values', () => {
    const days: Row[] = [{ day: '2026-11-01', shown: 3, dismissed: 1 }, { day: '2026-11-02', shown: 5, dismissed: null }];
    expect(trendData(days, ['shown', 'dismissed'])).toEqual([[1793491200, 1793577600], [3, 5], [1, 0]]);
    expect(totals(days, ['shown', 'dismissed'])).toEqual({ shown: 8, dismissed: 1 });
  });

  it('ranks tips by helpfulness, anchors by found-rate, gaps by searches without result', () => {
    const tips: Row[] = [
      { tipId: 'a', helpfulYes: 1, helpfulNo: 1, helpfulRate: 0.5, anchorFoundRate: 0.9 },
      { tipId: 'b', helpfulYes: 9, helpfulNo: 1, helpfulRate: 0.9, anchorFoundRate: 0.2 },
      { tipId: 'c', helpfulYes: 0, helpfulNo: 0, helpfulRate: null, anchorFoundRate: null },
      { tipId: 'd', helpfulYes: 2, helpfulNo: 2, helpfulRate: 0.5, anchorFoundRate: 1 },
    ];
    expect(byHelpfulness(tips).map((t) => t.tipId)).toEqual(['b', 'd', 'a']);
    expect(anchorHealth(tips).map((t) => t.tipId)).toEqual(['b', 'a', 'd']);
    expect(contentGaps([{ term: 'x', searches: 5, noResult: 0 }, { term: 'y', searches: 2, noResult: 1 }, { term: 'z', searches: 3, noResult: 3 }])
      .map((s) => s.term)).toEqual(['z', 'y']);
    expect(percent(0.456)).toBe('46 %');
    expect(percent(null)).toBe('—');
  });

  it('groups funnel rows per walkthrough with steps in order', () => {
    const rows: Row[] = [{ walkthroughId: 'w1', step: 2 }, { walkthroughId: 'w2', step: 0 }, { walkthroughId: 'w1', step: 0 }];
    expect([...funnels(rows)].map(([id, steps]) => [id, steps.map((s) => s.step)])).toEqual([['w1', [0, 2]], ['w2', [0]]]);
  });
});

describe('analytics view', () => {
  afterEach(() => document.body.replaceChildren());

  it('loads the reports and the mastery per team for the chosen app and shows each table with a CSV link', async () => {
    const asked: string[] = [];
    const answers: Record<string, unknown> = {
      days: { columns: [], lost: 4, items: [{ day: '2026-11-02', shown: 7, learners: 3, dismissed: 2, completed: 1, helpfulYes: 1, helpfulNo: 0 }] },
      tips: { columns: [], lost: 4, items: [{ tipId: 't1', title: '<img src=x onerror=alert(1)>', pageRule: '/x', shown: 7, anchorMissing: 3,
        helpfulYes: 1, helpfulNo: 0, helpfulRate: 1, anchorFoundRate: 0.7 }] },
      walkthroughs: { columns: [], lost: 4, items: [{ walkthroughId: 'wt_1', step: 0, reached: 5, completed: 3, dropped: 2 }] },
      searches: { columns: [], lost: 4, items: [{ term: 'refund', searches: 4, noResult: 4 }] },
      gaps: { columns: ['path', 'views'], lost: 4, items: [{ path: '/reports', views: 12 }] },
      mastery: { by: 'trait:team', items: [{ key: 'support', title: 'team = support', learners: 2, seen: 3, answered: 2, right: 1, rightShare: 0.5, reviewsDue: 0 },
        { key: '', title: 'team = ', learners: 1, seen: 1, answered: 0, right: 0, rightShare: 0, reviewsDue: 0 }] },
    };
    const api = new Api(() => undefined, (async (url: string) => {
      asked.push(url);
      const name = url.split('?')[0]!.split('/').pop()!;
      return new Response(JSON.stringify(answers[name]), { status: 200 });
    }) as typeof fetch);
    const apps: App[] = [{ id: 'app_1', name: 'CRM', siteKey: 'k', allowedOrigins: [] }];
    const ctx: ViewContext = { api, account: { id: 'a', email: 'a@x', name: 'A', role: 'analyst' }, signal: new AbortController().signal, apps: async () => apps };
    const view = analyticsView(ctx);
    document.body.appendChild(view);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked.map((u) => u.split('?')[0]).sort()).toEqual(['/api/v1/analytics/days', '/api/v1/analytics/gaps', '/api/v1/analytics/searches',
      '/api/v1/analytics/tips', '/api/v1/analytics/walkthroughs', '/api/v1/apps/app_1/mastery']);
    expect(asked.every((u) => u.includes('app=app_1') || u.startsWith('/api/v1/apps/app_1/mastery?by=trait&trait=team'))).toBe(true);
    expect(view.querySelector('#analytics-pages-table tbody')?.textContent).toBe('/reports12');
    expect([...view.querySelectorAll('#analytics-mastery-table tbody tr')].map((tr) => tr.firstElementChild!.textContent)).toEqual(['support', '(no team)']);
    expect(view.querySelector('#analytics-mastery-table tbody')?.textContent).toContain('50 %');
    expect(decodeURIComponent(view.querySelector<HTMLAnchorElement>('a[data-csv="mastery"]')!.href)).toContain('support,2,3,2,1,0.5,0');
    expect(view.querySelector('[data-total="shown"] strong')?.textContent).toBe('7');
    expect(view.querySelector('[data-total="lost"] strong')?.textContent).toBe('4');
    expect(view.querySelector('#analytics-funnel-wt_1 tbody td:last-child')?.textContent).toBe('2');
    expect(view.querySelector('#analytics-gaps-table tbody td')?.textContent).toBe('refund');
    expect(view.querySelector('#analytics-anchors-table tbody')?.textContent).toContain('70 %');
    expect(view.querySelector('#analytics-most-helpful img')).toBeNull();
    expect(view.querySelector('#analytics-most-helpful td')?.textContent).toBe('<img src=x onerror=alert(1)>');
    const csv = [...view.querySelectorAll<HTMLAnchorElement>('a[data-csv]')].map((a) => a.getAttribute('href'));
    expect(csv).toContain('/api/v1/analytics/days?app=app_1&from=' + (view.querySelector<HTMLInputElement>('#analytics-from')!.value) + '&to='
      + view.querySelector<HTMLInputElement>('#analytics-to')!.value + '&format=csv');
    expect(csv.filter((href) => href!.includes('/searches?'))).toHaveLength(1);
  });
});
