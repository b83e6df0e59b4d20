// The console's only door to the server: same-origin fetch, JSON both ways, problems as readable errors.

import { ApiError, errorFromResponse, formatProblem, toProblem } from '../shared/problem.ts';

export { ApiError, formatProblem, toProblem };

export type Role = 'admin' | 'author' | 'analyst';

export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface App {
  id: string;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
}

export type TipStatus = 'draft' | 'published' | 'archived';

export interface Tip {
  id: string;
  appId: string;
  title: string;
  status: TipStatus;
  pageRule: string;
  presentation: string;
  author?: string;
  updatedAt?: string;
  publishedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface RequestOptions {
  /** A 401 here is an answer for the caller (wrong password), not a lost session. */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match. */
  headers?: Record<string, string> | undefined;
}

export class Api {
  constructor(
    private readonly onUnauthorized: () => void,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, 'The Inflow server cannot be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.status === 401 && !options.allowUnauthorized) this.onUnauthorized();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Query string from the entries that have a value. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
