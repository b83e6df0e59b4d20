import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPickerApi } from '../src/picker/api.ts';
import { readConfig } from '../src/picker/config.ts';

function addPickerScript(server: string | null, token: string | null): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = 'https://inflow.example.com/picker.js';
  if (server !== null) script.dataset.server = server;
  if (token !== null) script.dataset.token = token;
  // keep jsdom from fetching it
  script.type = 'text/x-inert';
  document.documentElement.appendChild(script);
  return script;
}

beforeEach(() => {
  document.querySelectorAll('script, #inflow-picker-host').forEach((node) => node.remove());
  delete window.__inflowPicker;
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [] }))));
});

afterEach(() => {
  window.__inflowPicker?.stop();
  vi.unstubAllGlobals();
});

describe('readConfig', () => {
  it('reads server and token from the last picker script, trimming a trailing slash', () => {
    addPickerScript('https://old.example.com', 'old');
    addPickerScript('https://inflow.example.com/', 'pat_1');
    expect(readConfig(document)).toMatchObject({ server: 'https://inflow.example.com', token: 'pat_1' });
  });

  it('needs a token', () => {
    addPickerScript('https://inflow.example.com', null);
    expect(readConfig(document)).toBeNull();
  });
});

describe('picker.js', () => {
  it('starts one picker even when the bookmarklet runs twice, and removes the token tag', async () => {
    addPickerScript('https://inflow.example.com', 'pat_1');
    await import('../src/picker/index.ts');
    expect(document.querySelectorAll('#inflow-picker-host')).toHaveLength(1);
    expect(document.querySelector('script[data-token]')).toBeNull();

    addPickerScript('https://inflow.example.com', 'pat_1');
    vi.resetModules();
    await import('../src/picker/index.ts');
    expect(document.querySelectorAll('#inflow-picker-host')).toHaveLength(1);

    window.__inflowPicker?.stop();
    expect(window.__inflowPicker).toBeUndefined();
    expect(document.querySelector('#inflow-picker-host')).toBeNull();
  });
});

describe('createPickerApi', () => {
  it('sends the bearer token without cookies and JSON bodies', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ id: 'tip_9', status: 'draft', title: 't' }), { status: 201 }));
    const api = createPickerApi('https://inflow.example.com', 'pat_1', new AbortController().signal, fetchImpl as typeof fetch);
    const input = {
      appId: 'app_1', title: 't', body: 'b', presentation: 'tooltip' as const, placement: 'auto' as const,
      pageRule: '/x', anchor: null,
    };
    await api.createTip(input);
    await api.matchPageRule('/deals/:id', 'https://crm.example.com/deals/7?tab=1');
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://inflow.example.com/api/v1/tips');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('omit');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer pat_1');
    expect(JSON.parse(init.body as string)).toEqual(input);
    const [matchUrl] = fetchImpl.mock.calls[1] as unknown as [string];
    const parsed = new URL(matchUrl);
    expect(parsed.pathname).toBe('/api/v1/page-rules/match');
    expect(parsed.searchParams.get('rule')).toBe('/deals/:id');
    expect(parsed.searchParams.get('url')).toBe('https://crm.example.com/deals/7?tab=1');
  });

  it('explains a refused token instead of a bare 401', async () => {
    const fetchImpl = vi.fn(async () => new Response('{"status":401,"title":"Unauthorized"}', { status: 401 }));
    const api = createPickerApi('https://inflow.example.com', 'old', new AbortController().signal, fetchImpl as typeof fetch);
    await expect(api.apps()).rejects.toThrow(/make a new bookmarklet/);
  });
});
