// Asks the server which tips belong to a page; revalidates with the ETag remembered per URL.
import type { Delivery } from './types';

export interface DeliveryClient {
  get(url: string, lang?: string): Promise<Delivery>;
  /** Another of the overlay's endpoints about a page, as JSON: `search` (with q, the launcher's search) or `mastery`. */
  ask<T>(path: string, url: string, lang?: string, q?: string): Promise<T>;
}

/**
 * extra: more query parameters (while a walkthrough runs: its id, and walkthroughActive=true so no reinforcement interrupts it).
 * Cross-origin note: `If-None-Match` is not a CORS-safelisted header, so revalidation costs a
 * preflight, and the server must expose `ETag` (Access-Control-Expose-Headers) for it to be read.
 */
export function createDeliveryClient(server: string, key: string, doFetch: typeof fetch = (...a) => fetch(...a), learner?: () => string,
  signature: () => string | undefined = () => undefined, extra: () => string = () => ''): DeliveryClient {
  const cache = new Map<string, { etag: string; delivery: Delivery }>();
  const address = (path: string, page: string, lang = '', q = ''): string =>
    `${server}/api/v1/${path}?key=${encodeURIComponent(key)}&url=${encodeURIComponent(page)}${lang && `&lang=${encodeURIComponent(lang)}`}${q && `&q=${encodeURIComponent(q)}`}${learner ? `&learner=${encodeURIComponent(learner())}` : ''}${signature() ? `&learnerSignature=${signature()}` : ''}${extra()}`;
  return {
    ask: async (path, page, lang, q) => (await doFetch(address(path, page, lang, q), { credentials: 'omit' })).json(),
    async get(page, lang) {
      const url = address('delivery', page, lang);
      const cached = cache.get(url);
      const headers: Record<string, string> = {};
      if (cached) headers['If-None-Match'] = cached.etag;
      const response = await doFetch(url, { credentials: 'omit', headers });
      if (response.status === 304 && cached) return cached.delivery;
      if (!response.ok) throw new Error(`delivery answered ${response.status}`);
      const data = (await response.json()) as Delivery;
      const delivery: Delivery = { ...data, tips: Array.isArray(data?.tips) ? data.tips : [] };
      const etag = response.headers.get('ETag');
      if (etag) {
        if (cache.size > 50) cache.delete(cache.keys().next().value as string);
        cache.set(url, { etag, delivery });
      }
      return delivery;
    },
  };
}
