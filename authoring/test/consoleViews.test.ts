import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, type Account, type App, type Tip } from '../src/console/api.ts';
import type { ViewContext } from '../src/console/context.ts';
import { resolveRoute, routesFor } from '../src/console/routes.ts';
import { appsView } from '../src/console/views/apps.ts';
import { exportUrl } from '../src/console/views/export.ts';
import { masteryUrl, masteryView } from '../src/console/views/mastery.ts';
import { actionsFor, tipsView } from '../src/console/views/tips.ts';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status });

function context(role: Account['role'], fetchImpl: (url: string, init: RequestInit) => Response, apps: App[] = []): ViewContext {
  const api = new Api(() => undefined, (async (url: string, init: RequestInit) => fetchImpl(url, init)) as typeof fetch);
  return {
    api,
    account: { id: 'acc_1', email: 'ada@example.com', name: 'Ada', role },
    signal: new AbortController().signal,
    apps: async () => apps,
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('routes', () => {
  it('shows accounts only to admins and export only to admins and analysts', () => {
    expect(routesFor('author').map((r) => r.name)).toEqual(['apps', 'tips', 'walkthroughs', 'analytics', 'mastery', 'tokens']);
    expect(routesFor('analyst').map((r) => r.name)).toEqual(['apps', 'tips', 'walkthroughs', 'analytics', 'mastery', 'export', 'tokens']);
    expect(routesFor('admin').map((r) => r.name)).toEqual(['apps', 'tips', 'walkthroughs', 'analytics', 'mastery', 'export', 'accounts', 'tokens']);
  });

  it('sends a role away from a view it may not open', () => {
    expect(resolveRoute('#/accounts', 'author').name).toBe('apps');
    expect(resolveRoute('#/accounts', 'admin').name).toBe('accounts');
    expect(resolveRoute('', 'analyst').name).toBe('apps');
  });
});

describe('apps view', () => {
  const app: App = { id: 'app_1', name: '<b>CRM</b>', siteKey: 'sk_1', allowedOrigins: ['https://crm.example.com'] };

  it('shows names as text and the snippet for the app', async () => {
    const withApp = appsView(context('author', () => json({}), [app]));
    document.body.appendChild(withApp);
    await flush();
    const card = withApp.querySelector('[data-app-id="app_1"]')!;
    expect(card.querySelector('h2')?.textContent).toBe('<b>CRM</b>');
    expect(card.querySelector('b')).toBeNull();
    expect(card.querySelector('#snippet-app_1')?.textContent)
      .toBe(`<script async src="${location.origin}/inflow.js" data-key="sk_1"></script>`);
    expect(withApp.querySelector('#app-form')).toBeNull(); // authors do not create apps
  });

  it('makes a personal token and shows one draggable bookmarklet link', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const view = appsView(context('admin', (url, init) => {
      calls.push([url, init]);
      return json({ id: 'tok_1', name: 'Picker bookmarklet', token: "pat_'x" }, 201);
    }, [app, { ...app, id: 'app_2' }]));
    document.body.appendChild(view);
    await flush();
    const buttons = view.querySelectorAll<HTMLButtonElement>('[data-action="make-bookmarklet"]');
    buttons[0]!.click();
    await flush();
    buttons[1]!.click();
    await flush();
    expect(calls.map(([url, init]) => [url, init.method, init.body])).toEqual([
      ['/api/v1/tokens', 'POST', '{"name":"Picker bookmarklet"}'],
      ['/api/v1/tokens', 'POST', '{"name":"Picker bookmarklet"}'],
    ]);
    const links = document.querySelectorAll('#bookmarklet-link');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('draggable')).toBe('true');
    expect(links[0]?.getAttribute('href')).toMatch(/^javascript:\(\(\)=>\{/);
    expect(links[0]?.getAttribute('href')).toContain("s.dataset.token='pat_\\u0027x'");
  });
});

describe('tips view', () => {
  const tip: Tip = {
    id: 'tip_1', appId: 'app_1', title: 'A very long title '.repeat(10), status: 'draft',
    pageRule: '/deals/:id', presentation: 'tooltip', updatedAt: '2026-11-23T12:00:00Z',
  };

  it('offers the status changes that make sense', () => {
    expect(actionsFor('draft')).toEqual(['publish', 'archive']);
    expect(actionsFor('published')).toEqual(['unpublish', 'archive']);
    expect(actionsFor('archived')).toEqual(['unpublish']);
  });

  it('lists tips, publishes one and pages with the next cursor', async () => {
    const urls: string[] = [];
    const view = tipsView(context('author', (url, init) => {
      if (url.startsWith('/api/v1/anchor-health')) return json({ items: [] });
      urls.push(`${init.method} ${url}`);
      if (url.endsWith('/publish')) return json({ ...tip, status: 'published' });
      if (url.includes('after=c2')) return json({ items: [{ ...tip, id: 'tip_2', title: 'Second' }], next: null });
      return json({ items: [tip], next: 'c2' });
    }, [{ id: 'app_1', name: 'CRM', siteKey: 'sk', allowedOrigins: [] }]));
    document.body.appendChild(view);
    await flush();
    const row = view.querySelector('[data-tip-id="tip_1"]')!;
    expect(row.querySelector('td:nth-child(2)')?.classList.contains('ellipsis')).toBe(true);
    expect(row.querySelector('a.tip-link')?.getAttribute('href')).toBe('#/tips/tip_1');
    (row.querySelector('[data-action="publish"]') as HTMLButtonElement).click();
    await flush();
    const updated = view.querySelector('[data-tip-id="tip_1"]')!;
    expect(updated.getAttribute('data-status')).toBe('published');
    expect(updated.querySelector('[data-action="unpublish"]')).not.toBeNull();
    (view.querySelector('#tips-more') as HTMLButtonElement).click();
    await flush();
    expect(view.querySelector('[data-tip-id="tip_2"]')).not.toBeNull();
    expect((view.querySelector('#tips-more') as HTMLButtonElement).hidden).toBe(true);
    expect(urls).toEqual([
      'GET /api/v1/tips?limit=25',
      'POST /api/v1/tips/tip_1/publish',
      'GET /api/v1/tips?after=c2&limit=25',
    ]);
  });

  it('lists the tips whose anchors need care first, broken before degraded, with a re-pin link to their page', async () => {
    const row = (tipId: string, status: string, foundRate: number) =>
      ({ tipId, page: '/deals/1', status, foundRate, shown: 3, lowConfidence: 0, missing: 5, misses: { not_found: 5 }, meanConfidence: null });
    const view = tipsView(context('author', (url) => {
      if (url.startsWith('/api/v1/anchor-health')) return json({ items: [row('tip_ok', 'ok', 1), row('tip_d', 'degraded', 0.8), row('tip_b', 'broken', 0.2)] });
      if (url.startsWith('/api/v1/tips/')) return json({ ...tip, id: url.split('/')[4], title: `Title of ${url.split('/')[4]}` });
      return json({ items: [], next: null });
    }, [{ id: 'app_1', name: 'CRM', siteKey: 'sk', allowedOrigins: ['https://crm.example.com'] }]));
    document.body.appendChild(view);
    await flush();
    await flush();
    const rows = Array.from(view.querySelectorAll<HTMLElement>('#anchor-health tr[data-tip-id]'));
    expect(rows.map((r) => [r.dataset.tipId, r.dataset.health])).toEqual([['tip_b', 'broken'], ['tip_d', 'degraded']]);
    expect(rows[0]!.querySelector('.tip-link')!.textContent).toBe('Title of tip_b');
    expect(rows[0]!.querySelector('.misses')!.textContent).toBe('not found ×5');
    expect(rows[0]!.querySelector('[data-action="re-pin"]')!.getAttribute('href')).toBe('https://crm.example.com/deals/1#inflow-repin=tip_b');
  });

  it('publishes the selected tips one by one and says where it stopped', async () => {
    const urls: string[] = [];
    const view = tipsView(context('author', (url, init) => {
      urls.push(`${init.method} ${url}`);
      if (url.includes('tip_3/publish')) return json({ type: 'about:blank', title: 'Invalid', status: 422, detail: 'a tooltip needs an anchor' }, 422);
      if (url.endsWith('/publish')) return json({ ...tip, id: url.split('/')[4], status: 'published' });
      return json({ items: [tip, { ...tip, id: 'tip_2', title: 'Second' }, { ...tip, id: 'tip_3', title: 'Third' }], next: null });
    }));
    document.body.appendChild(view);
    await flush();
    const publish = view.querySelector<HTMLButtonElement>('#tips-bulk-publish')!;
    expect(publish.disabled).toBe(true);
    const selectAll = view.querySelector<HTMLInputElement>('#tips-select-all')!;
    selectAll.checked = true;
    selectAll.dispatchEvent(new Event('change'));
    expect(publish.textContent).toBe('Publish 3 selected');
    publish.click();
    for (let i = 0; i < 6; i += 1) await flush();
    expect(urls.filter((u) => u.startsWith('POST'))).toEqual([
      'POST /api/v1/tips/tip_1/publish', 'POST /api/v1/tips/tip_2/publish', 'POST /api/v1/tips/tip_3/publish',
    ]);
    expect(view.querySelector('[data-tip-id="tip_2"]')!.getAttribute('data-status')).toBe('published');
    expect(view.querySelector('[data-tip-id="tip_3"]')!.getAttribute('data-status')).toBe('draft');
    expect(view.querySelector('.message.error')?.textContent).toContain('2 of 3 done; stopped at “Third”');
  });

  it('searches by title words and page rule', async () => {
    const urls: string[] = [];
    const view = tipsView(context('author', (url) => {
      urls.push(url);
      return json({ items: [], next: null });
    }));
    document.body.appendChild(view);
    await flush();
    vi.useFakeTimers();
    const search = view.querySelector<HTMLInputElement>('#tips-search')!;
    search.value = 'net amount';
    search.dispatchEvent(new Event('input'));
    const page = view.querySelector<HTMLInputElement>('#tips-page')!;
    page.value = '/orders';
    page.dispatchEvent(new Event('input'));
    vi.advanceTimersByTime(300);
    vi.useRealTimers();
    await flush();
    expect(urls.at(-1)).toBe('/api/v1/tips?q=net+amount&page=%2Forders&limit=25');
  });

  it('hides status changes from analysts', async () => {
    const view = tipsView(context('analyst', () => json({ items: [tip], next: null })));
    document.body.appendChild(view);
    await flush();
    expect(view.querySelector('[data-tip-id="tip_1"]')).not.toBeNull();
    expect(view.querySelector('[data-action]')).toBeNull();
  });
});

describe('export', () => {
  it('builds the export link from the choice', () => {
    expect(exportUrl({ app: 'app_1', from: '2026-11-01', to: '2026-11-23', format: 'ndjson' }))
      .toBe('/api/v1/exports/events?format=ndjson&from=2026-11-01&to=2026-11-23&app=app_1');
    expect(exportUrl({ app: '', from: '', to: '', format: 'csv' })).toBe('/api/v1/exports/events?format=csv');
  });
});

describe('mastery view', () => {
  it('groups per tip, or per value of a trait shown as text', async () => {
    expect(masteryUrl('app 1', '')).toBe('/api/v1/apps/app%201/mastery?by=tip');
    expect(masteryUrl('app_1', 'team')).toBe('/api/v1/apps/app_1/mastery?by=trait&trait=team');
    const asked: string[] = [];
    const ctx = context('analyst', (url) => {
      asked.push(url);
      return json({ by: 'trait:team', items: [
        { key: '<img src=x onerror=alert(1)>', title: 't', learners: 2, seen: 2, answered: 2, right: 1, rightShare: 0.5, reviewsDue: 0 },
        { key: '', title: 't', learners: 1, seen: 1, answered: 0, right: 0, rightShare: 0, reviewsDue: 1 }] });
    }, [{ id: 'app_1', name: 'CRM', siteKey: 'k', allowedOrigins: [] }]);
    const view = masteryView(ctx);
    document.body.appendChild(view);
    const trait = view.querySelector<HTMLInputElement>('#mastery-trait')!;
    trait.value = 'team';
    await flush();
    trait.dispatchEvent(new Event('change'));
    await flush();
    expect(asked.at(-1)).toBe('/api/v1/apps/app_1/mastery?by=trait&trait=team');
    const cells = Array.from(view.querySelectorAll('#mastery-table tbody tr')).map((tr) => Array.from(tr.children).map((td) => td.textContent));
    expect(cells).toEqual([['<img src=x onerror=alert(1)>', '2', '2', '2', '1', '50 %', '0'], ['(no value)', '1', '1', '0', '0', '0 %', '1']]);
    expect(view.querySelector('img')).toBeNull();
    expect(view.querySelector('#mastery-table th')!.textContent).toBe('team');
  });
});
