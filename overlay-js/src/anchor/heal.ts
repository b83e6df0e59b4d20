// Self-healing (extra bundle): after a confident match whose properties drifted, sends the element's fresh fingerprint
// so the server can store it as the tip's anchor (it decides whether to take it: POST /api/v1/anchor-refreshes).
import { record } from './record';
import type { Fingerprint } from './types';

/** The server refuses more; a fingerprint is 1–3 kB. */
const MAX_BODY = 8192;

/** Tips refreshed from this page load: one try each, the server allows one an hour anyway. */
const tried = new Set<string>();

const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

export function heal(server: string, key: string, tipId: string, stored: Fingerprint, el: Element, doFetch: typeof fetch = (...a) => fetch(...a)): void {
  if (tried.has(tipId)) return;
  tried.add(tipId);
  const fresh = record(el);
  // The server never heals an anchor's identity; asking would only be refused.
  if (!same(fresh.tag, stored.tag) || !same(fresh.props?.testId, stored.props?.testId) || !same(fresh.props?.name, stored.props?.name)) return;
  const body = JSON.stringify({ tipId, anchor: fresh });
  if (body.length > MAX_BODY) return;
  // text/plain keeps it a simple request (no preflight), as the event queue does
  doFetch(`${server}/api/v1/anchor-refreshes?key=${encodeURIComponent(key)}`, {
    method: 'POST', body, credentials: 'omit', keepalive: true, headers: { 'Content-Type': 'text/plain' },
  }).catch(() => undefined);
}
