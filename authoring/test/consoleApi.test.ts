import { describe, expect, it, vi } from 'vitest';
import { Api, ApiError, formatProblem, query } from '../src/console/api.ts';

function problemResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('formatProblem', () => {
  it('reads the detail followed by each invalid field', () => {
    expect(formatProblem({
      type: 'https://inflow.dev/problems/validation', title: 'Invalid request', status: 422,
      detail: '2 fields are invalid',
      errors: [{ field: 'pageRule', message: 'must start with / or a scheme' }, { field: 'title', message: 'must not be blank' }],
    })).toBe('2 fields are invalid (pageRule: must start with / or a scheme; title: must not be blank)');
  });

  it('falls back to the title, then to words for the status', () => {
    expect(formatProblem({ title: 'Forbidden', status: 403 })).toBe('Forbidden');
    expect(formatProblem({ status: 403 })).toBe('You are not allowed to do this');
    expect(formatProblem({ status: 502 })).toBe('The server answered 502');
    expect(formatProblem({})).toBe('Something went wrong');
  });
});

describe('Api', () => {
  it('turns a problem document into an ApiError with a readable message and the field errors', async () => {
    const fetchImpl = vi.fn(async () => problemResponse(422, {
      status: 422, detail: '1 field is invalid', errors: [{ field: 'name', message: 'is required' }],
    }));
    const api = new Api(() => undefined, fetchImpl as typeof fetch);
    const error = await api.post('/api/v1/apps', { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe('1 field is invalid (name: is required)');
    expect((error as ApiError).fieldErrors).toEqual([{ field: 'name', message: 'is required' }]);
  });

  it('sends JSON with the session cookie', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ id: 'app_1' }), { status: 201 }));
    const api = new Api(() => undefined, fetchImpl as typeof fetch);
    expect(await api.post('/api/v1/apps', { name: 'CRM' })).toEqual({ id: 'app_1' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/apps');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"name":"CRM"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('reports a lost session on 401, except where the caller expects one', async () => {
    const onUnauthorized = vi.fn();
    const api = new Api(onUnauthorized, (async () => problemResponse(401, { status: 401, title: 'Unauthorized' })) as typeof fetch);
    await expect(api.post('/api/v1/session', {}, { allowUnauthorized: true })).rejects.toThrow('Unauthorized');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(api.get('/api/v1/tips')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('explains an answer that is not a problem document, and a network failure', async () => {
    const html = new Api(() => undefined, (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as typeof fetch);
    await expect(html.get('/api/v1/apps')).rejects.toThrow('The server answered 502');
    const offline = new Api(() => undefined, (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch);
    await expect(offline.get('/api/v1/apps')).rejects.toThrow(/cannot be reached/);
  });
});

describe('query', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(query({ app: '', status: 'draft', after: null, q: 'a&b' })).toBe('?status=draft&q=a%26b');
    expect(query({ app: undefined })).toBe('');
  });
});
