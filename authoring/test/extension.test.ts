import { describe, expect, it } from 'vitest';
import { isRelayable } from '../src/extension/relay.ts';
import { formatSites, matchesPattern, parseSites } from '../src/extension/settings.ts';
import { appForPage } from '../src/picker/pagePreview.ts';

describe('extension settings', () => {
  it('reads delivery sites one a line and says which line is wrong', () => {
    const { sites, errors } = parseSites('https://crm.example.com/* sk_1\n\n*://*.example.org/app/* sk_2\nnot-a-pattern sk_3\nhttps://x.example/* ');
    expect(sites).toEqual([{ match: 'https://crm.example.com/*', key: 'sk_1' }, { match: '*://*.example.org/app/*', key: 'sk_2' }]);
    expect(errors.map((e) => e.slice(0, 6))).toEqual(['line 4', 'line 5']);
    expect(parseSites(formatSites(sites)).sites).toEqual(sites);
  });

  it('matches URLs the way Chromium match patterns do', () => {
    expect(matchesPattern('https://crm.example.com/*', 'https://crm.example.com/deals/7?x=1')).toBe(true);
    expect(matchesPattern('https://crm.example.com/*', 'http://crm.example.com/deals')).toBe(false);
    expect(matchesPattern('https://crm.example.com/*', 'https://evil.example/crm.example.com/')).toBe(false);
    expect(matchesPattern('*://*.example.org/app/*', 'http://eu.example.org/app/x')).toBe(true);
    expect(matchesPattern('*://*.example.org/app/*', 'https://example.org/app/')).toBe(true);
    expect(matchesPattern('*://*.example.org/app/*', 'https://badexample.org/app/')).toBe(false);
    expect(matchesPattern('http://127.0.0.1:8080/plain/*', 'http://127.0.0.1:8080/plain/deals/7')).toBe(true);
  });

  it('relays only authoring API paths', () => {
    const request = (path: string, method = 'GET') => ({ type: 'inflow-api' as const, method, path, headers: {}, body: null });
    expect(isRelayable(request('/api/v1/tips'))).toBe(true);
    expect(isRelayable(request('/api/v1/delivery/preview?app=a&url=https%3A%2F%2Fx'))).toBe(true);
    expect(isRelayable(request('//evil.example/api/v1/tips'))).toBe(false);
    expect(isRelayable(request('/console/'))).toBe(false);
    expect(isRelayable(request('/api/v1/tips', 'TRACE'))).toBe(false);
  });
});

describe('page preview', () => {
  it('takes the app whose allowed origins include the page, then the snippet key', () => {
    document.body.innerHTML = '<script src="https://inflow.example.com/inflow.js" data-key="sk_b"></script>';
    const apps = [
      { id: 'a', name: 'A', siteKey: 'sk_a', allowedOrigins: ['https://other.example'] },
      { id: 'b', name: 'B', siteKey: 'sk_b', allowedOrigins: [] },
      { id: 'c', name: 'C', siteKey: 'sk_c', allowedOrigins: [location.origin] },
    ];
    expect(appForPage(apps, document)?.id).toBe('c');
    expect(appForPage(apps.slice(0, 2), document)?.id).toBe('b');
  });
});
