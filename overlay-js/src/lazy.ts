// Loads the extra bundle (inflow-more.js: the recorder, checks, the launcher's panel) on first use, from the
// server that served inflow.js and with the same nonce, so pages with a strict CSP allow it too.
import type { More } from './more';

/** inflow-more.js's integrity hash, written in by build.mjs (absent when the sources run as they are, in tests). */
declare const INFLOW_MORE_SRI: string | undefined;
/** inflow-more.js's versioned, immutable path (/overlay/<content hash>/inflow-more.js), written in by build.mjs likewise. */
declare const INFLOW_MORE_PATH: string | undefined;

type MoreWindow = Window & { __inflowMore?: More };

let url = '';
let nonce: string | null = null;
let loading: Promise<More> | undefined;
const waiting: ((m: More) => void)[] = [];

/** Where inflow-more.js lives (the core's own origin) and the nonce its script tag carries. */
export function moreFrom(server: string, scriptNonce: string | null): void {
  url = server + (typeof INFLOW_MORE_PATH == 'string' ? INFLOW_MORE_PATH : '/inflow-more.js');
  nonce = scriptNonce;
}

/** The extra bundle when it has registered itself (or was bundled in, as by the extension and the tests). */
export const loaded = (): More | undefined => (window as MoreWindow).__inflowMore;

/** Runs fn once the extra bundle is there (at once when it is), without loading it. */
export function whenLoaded(fn: (m: More) => void): void {
  const m = loaded();
  if (m) fn(m);
  else waiting.push(fn);
}

export function loadMore(): Promise<More> {
  const m = loaded();
  if (m) return Promise.resolve(m);
  return (loading ??= new Promise<More>((ok, fail) => {
    const s = document.createElement('script');
    s.src = url;
    if (nonce) s.setAttribute('nonce', nonce);
    if (typeof INFLOW_MORE_SRI == 'string') {
      s.integrity = INFLOW_MORE_SRI;
      s.crossOrigin = 'anonymous'; // the server sends Access-Control-Allow-Origin for it, as for inflow.js
    }
    s.onload = s.onerror = () => {
      s.remove();
      const more = loaded();
      if (!more) {
        // uses in the next 10 s fail at once (a page's DOM changes must not fetch it again and again); later ones try again
        setTimeout(() => (loading = undefined), 10_000);
        return fail(new Error('inflow-more.js did not load'));
      }
      waiting.splice(0).forEach((fn) => fn(more));
      ok(more);
    };
    document.head.appendChild(s);
  }));
}

/** Runs fn with the extra bundle: at once when it is there, else after loading it (never when it cannot load). */
export function withMore(fn: (m: More) => void): void {
  const m = loaded();
  if (m) fn(m);
  else loadMore().then(fn, () => {});
}
