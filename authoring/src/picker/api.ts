// The picker's calls to the authoring API: Bearer token, no cookies, JSON both ways.

import { ApiError, errorFromResponse } from '../shared/problem.ts';
import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';
import type { BodyNode } from './preview.ts';

export interface App {
  id: string;
  name: string;
  siteKey: string;
  allowedOrigins?: string[];
}

export interface TipInput {
  appId: string;
  title: string;
  body: string;
  presentation: 'tooltip' | 'modal';
  placement: 'auto' | 'top' | 'bottom' | 'left' | 'right';
  pageRule: string;
  anchor: Fingerprint | null;
}

export interface Tip {
  id: string;
  status: string;
  title: string;
}

export interface PickerApi {
  apps(): Promise<App[]>;
  render(markdown: string): Promise<BodyNode[]>;
  matchPageRule(rule: string, url: string): Promise<{ matches: boolean }>;
  createTip(input: TipInput): Promise<Tip>;
  updateTip(id: string, input: TipInput): Promise<Tip>;
  publishTip(id: string): Promise<void>;
}

export function createPickerApi(
  server: string,
  token: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): PickerApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(server + path, {
        method,
        headers,
        credentials: 'omit',
        mode: 'cors',
        signal,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ApiError(0, `Could not reach Inflow at ${server}`);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.status === 401) {
        throw new ApiError(401, 'The picker token is not valid any more: make a new bookmarklet in the Inflow console');
      }
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    apps: async () => (await call<{ items?: App[] }>('GET', '/api/v1/apps')).items ?? [],
    render: async (markdown) => {
      const answer = await call<{ body?: BodyNode[] }>('POST', '/api/v1/render', { markdown });
      return Array.isArray(answer.body) ? answer.body : [];
    },
    matchPageRule: async (rule, url) => {
      const query = new URLSearchParams({ rule, url });
      const answer = await call<{ matches?: boolean }>('GET', `/api/v1/page-rules/match?${query}`);
      return { matches: answer.matches === true };
    },
    createTip: (input) => call<Tip>('POST', '/api/v1/tips', input),
    updateTip: (id, input) => {
      const { appId: _appId, ...editable } = input;
      return call<Tip>('PUT', `/api/v1/tips/${encodeURIComponent(id)}`, editable);
    },
    publishTip: async (id) => {
      await call<unknown>('POST', `/api/v1/tips/${encodeURIComponent(id)}/publish`);
    },
  };
}
