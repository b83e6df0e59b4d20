// The picker's calls to the authoring API: Bearer token, no cookies, JSON both ways.

import { ApiError, errorFromResponse } from '../shared/problem.ts';
import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';
import type { BodyNode } from './preview.ts';
import type { TipFields } from '../shared/tipFields.ts';

export interface App {
  id: string;
  name: string;
  siteKey: string;
  allowedOrigins?: string[];
}

/** What POST /api/v1/tips takes: the app, and the tip fields this server knows. */
export type TipInput = { appId: string } & Partial<TipFields>;

export interface Tip {
  id: string;
  status: string;
  title: string;
  version: number;
}

/** A tip the overlay would show, as preview delivery sends it. */
export interface PreviewTip {
  id: string;
  title: string;
  anchor: Fingerprint | null;
  [field: string]: unknown;
}

/** A tip as GET /api/v1/tips/{id} answers it: every stored field, its version being its ETag. */
export interface StoredTip extends Tip {
  appId: string;
  [field: string]: unknown;
}

/** A walkthrough step as the authoring API takes it. */
export interface StepInput {
  tipId: string;
  url?: string | null;
  onRight?: number | null;
  onWrong?: number | null;
}

export interface Walkthrough {
  id: string;
  appId: string;
  title: string;
  status: string;
  version: number;
}

export interface PickerApi {
  apps(): Promise<App[]>;
  render(markdown: string): Promise<BodyNode[]>;
  matchPageRule(rule: string, url: string): Promise<{ matches: boolean }>;
  createTip(input: TipInput): Promise<Tip>;
  /** `version` (the tip's ETag) makes the server refuse the save if someone saved in between. */
  updateTip(id: string, input: TipInput, version?: number): Promise<Tip>;
  publishTip(id: string): Promise<Tip>;
  /** walkthroughs: as the overlay receives them (drafts included), for a test run. */
  preview(appId: string, url: string): Promise<{ tips: PreviewTip[]; drafts: string[]; walkthroughs: unknown[] }>;
  tip(id: string): Promise<StoredTip>;
  /** The app's tips (first 200), for choosing a remedial tip. */
  tips?(appId: string): Promise<Tip[]>;
  createWalkthrough(input: { appId: string; title: string; startOn: string; steps: StepInput[] }): Promise<Walkthrough>;
  walkthrough(id: string): Promise<Walkthrough>;
}

/** `token` empty: the console's own session cookie on the same origin instead of a Bearer token. */
export function createPickerApi(
  server: string,
  token: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): PickerApi {
  async function call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(server + path, {
        method,
        headers,
        credentials: token ? 'omit' : 'same-origin',
        mode: token ? 'cors' : 'same-origin',
        signal,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ApiError(0, `Could not reach Inflow at ${server}`);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.status === 401 && token) {
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
    updateTip: (id, input, version) => {
      const { appId: _appId, ...editable } = input;
      const precondition: Record<string, string> = version === undefined ? {} : { 'If-Match': `"${version}"` };
      return call<Tip>('PUT', `/api/v1/tips/${encodeURIComponent(id)}`, editable, precondition);
    },
    preview: async (appId, url) => {
      const answer = await call<{ tips?: PreviewTip[]; drafts?: string[]; walkthroughs?: unknown[] }>('GET',
        `/api/v1/delivery/preview?${new URLSearchParams({ app: appId, url })}`);
      return { tips: answer.tips ?? [], drafts: answer.drafts ?? [], walkthroughs: answer.walkthroughs ?? [] };
    },
    publishTip: (id) => call<Tip>('POST', `/api/v1/tips/${encodeURIComponent(id)}/publish`),
    tip: (id) => call<StoredTip>('GET', `/api/v1/tips/${encodeURIComponent(id)}`),
    tips: async (appId) => (await call<{ items?: Tip[] }>('GET', `/api/v1/tips?${new URLSearchParams({ app: appId, limit: '200' })}`)).items ?? [],
    createWalkthrough: (input) => call<Walkthrough>('POST', '/api/v1/walkthroughs', input),
    walkthrough: (id) => call<Walkthrough>('GET', `/api/v1/walkthroughs/${encodeURIComponent(id)}`),
  };
}
