// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createAnswerClient } from '../src/answers';

describe('answer client', () => {
  it('posts the answer as text/plain with the learner, a fresh event id and the traits', async () => {
    const fetch = vi.fn(async () => new Response('{"correct":true,"options":[],"next":{"action":"continue"}}'));
    const win = { fetch, location: { href: 'https://crm.example.com/accounts/1' } } as unknown as Window;
    const answer = createAnswerClient('https://inflow.test', 'K 1', () => 'u-42', win, () => ({ team: 'emea' }));
    const result = await answer('tip/x', ['net'], 4200);
    expect(result.correct).toBe(true);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://inflow.test/api/v1/checks/tip%2Fx/answers?key=K%201');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/plain');
    expect(init.credentials).toBe('omit');
    const body = JSON.parse(init.body as string);
    expect(body).toMatchObject({ learnerId: 'u-42', optionIds: ['net'], elapsedMs: 4200, traits: { team: 'emea' }, url: 'https://crm.example.com/accounts/1' });
    expect(body.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects when the server refuses, so the learner can try again', async () => {
    const win = { fetch: async () => new Response('{}', { status: 422 }), location: { href: 'x' } } as unknown as Window;
    await expect(createAnswerClient('https://inflow.test', 'K', () => 'u', win)('t', ['a'], 1)).rejects.toThrow('422');
  });
});
