// Bootstrap: reads the script tag, replays the stub queue, and keeps the overlay in step with the page.
import * as anchor from './anchor/index';
import { createAnswerClient } from './answers';
import { createDeliveryClient } from './api';
import { createEventQueue } from './events';
import { watchNavigation } from './navigation';
import { createOverlay } from './overlay';
import { readJson, writeJson } from './storage';
import { uuid } from './uuid';

export interface InflowConfig {
  key: string;
  server: string;
  nonce: string | null;
}

export interface InflowApi {
  identify(id: string, traits?: Record<string, unknown>): void;
  anchor: typeof anchor;
  refresh(): Promise<void>;
  destroy(): void;
}

type Stub = { q?: [string, unknown[]][] } | undefined;
type InflowWindow = Window & { Inflow?: Stub | InflowApi };

const ANON_KEY = 'inflow.anonymousId';

/** The script tag's data-key and origin; null when the tag cannot be found. */
export function readConfig(doc: Document): InflowConfig | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  const script = current?.dataset.key ? current : doc.querySelector<HTMLScriptElement>('script[data-key][src*="inflow"]');
  const key = script?.dataset.key;
  if (!script || !key || !script.src) return null;
  try {
    return { key, server: new URL(script.src, doc.baseURI).origin, nonce: script.dataset.nonce ?? script.nonce ?? null };
  } catch {
    return null;
  }
}

/** The URL without its fragment, unless the fragment is a route (#/…, #!/…). */
function pageOf(url: string): string {
  const hash = url.indexOf('#');
  if (hash < 0) return url;
  return /^#!?\//.test(url.slice(hash)) ? url : url.slice(0, hash);
}

export function start(config: InflowConfig, win: Window = window): InflowApi {
  const doc = win.document;
  let learnerId: string | null = null;
  let learnerTraits: Record<string, string> = {};
  const anonymousId = (): string => {
    const stored = readJson<string | null>(() => win.localStorage, ANON_KEY, null);
    if (typeof stored === 'string' && stored.startsWith('anon-')) return stored;
    const fresh = `anon-${uuid()}`;
    writeJson(() => win.localStorage, ANON_KEY, fresh);
    return fresh;
  };
  const learner = (): string => (learnerId ??= anonymousId());
  const events = createEventQueue({ server: config.server, key: config.key, learnerId: learner, win });
  const answer = createAnswerClient(config.server, config.key, learner, win, () => learnerTraits);
  const overlay = createOverlay({ doc, nonce: config.nonce, send: (type, tipId, data) => events.add(type, tipId, data), answer });
  const delivery = createDeliveryClient(config.server, config.key, (...a) => win.fetch(...a), learner);
  let page = pageOf(win.location.href);
  let seq = 0;
  let destroyed = false;

  const refresh = async (): Promise<void> => {
    const mine = ++seq;
    try {
      const answer = await delivery.get(win.location.href);
      if (mine === seq && !destroyed) overlay.show(answer.tips.map((t) => (t.id === answer.reinforce ? { ...t, due: true } : t)));
    } catch {
      if (mine === seq && !destroyed) overlay.show([]);
    }
  };

  const stopNavigation = watchNavigation(win, (url) => {
    const next = pageOf(url);
    if (next === page) return;
    page = next;
    void refresh();
  });

  const api: InflowApi = {
    identify(id, traits) {
      if (id == null || id === '') return;
      const next = String(id);
      if (learnerId && learnerId !== next && events.pending().length) events.flushBeacon();
      learnerId = next;
      // audiences come later; text traits go with check answers, so the console can show mastery per team or role
      learnerTraits = Object.fromEntries(Object.entries(traits ?? {}).filter(([k, v]) => typeof v === 'string' && k.length <= 64 && v.length <= 200).slice(0, 20)) as Record<string, string>;
    },
    anchor,
    refresh,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopNavigation();
      overlay.destroy();
      events.destroy();
      const w = win as InflowWindow;
      if (w.Inflow === api) delete w.Inflow;
    },
  };
  return api;
}

/** Replays calls a host made on the stub (`window.Inflow = {q: [[method, args], …]}`) before the script loaded. */
export function replay(stub: Stub, api: InflowApi): void {
  const calls = Array.isArray(stub?.q) ? stub!.q : [];
  for (const call of calls) {
    if (!Array.isArray(call)) continue;
    const [method, args] = call;
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn === 'function' && method !== 'destroy') {
      try {
        (fn as (...a: unknown[]) => unknown).apply(api, Array.isArray(args) ? args : []);
      } catch {
        // a bad stub call must not stop the overlay
      }
    }
  }
}

function boot(): void {
  const win = window as InflowWindow;
  const existing = win.Inflow;
  if (existing && typeof (existing as InflowApi).destroy === 'function') return; // already running
  const config = readConfig(document);
  if (!config) return;
  const api = start(config, win);
  replay(existing as Stub, api);
  win.Inflow = api;
  const go = (): void => void api.refresh();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
  else go();
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') boot();
