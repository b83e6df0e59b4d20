// Bootstrap: reads the script tag, replays the stub queue, and keeps the overlay in step with the page.
import * as anchor from './anchor/api';
import { createDeliveryClient } from './api';
import type { AnswerCheck } from './answers';
import { createEventQueue } from './events';
import { watchNavigation } from './navigation';
import { createOverlay } from './overlay';
import { createLauncher } from './launcher';
import { loadMore, moreFrom, withMore } from './lazy';
import { inAudience } from './audience';
import type { Tip } from './types';
import type { Player } from './player';
import { showTooltip } from './ui/tooltip';
import { readJson, writeJson } from './storage';
import { uuid } from './uuid';

export interface InflowConfig {
  key: string;
  server: string;
  nonce: string | null;
  /** Where the launcher button sits: bottom-right, bottom-left or hidden (data-launcher). */
  launcher?: string;
}

export interface InflowApi {
  /** options.signature: the host server's hex HMAC-SHA256 of the id, for apps that verify identities. */
  identify(id: string, traits?: Record<string, unknown>, options?: { signature?: string }): void;
  anchor: typeof anchor;
  refresh(): Promise<void>;
  /** Starts (or restarts) a walkthrough from its first step. */
  startWalkthrough(id: string): void;
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
    return { key, server: new URL(script.src, doc.baseURI).origin, nonce: script.dataset.nonce ?? script.nonce ?? null, launcher: script.dataset.launcher ?? 'bottom-right' };
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
  moreFrom(config.server, config.nonce);
  let learnerId: string | null = null;
  let traits: Record<string, unknown> = {};
  const anonymousId = (): string => {
    const stored = readJson<string | null>(() => win.localStorage, ANON_KEY, null);
    if (typeof stored === 'string' && stored.startsWith('anon-')) return stored;
    const fresh = `anon-${uuid()}`;
    writeJson(() => win.localStorage, ANON_KEY, fresh);
    return fresh;
  };
  const learner = (): string => (learnerId ??= anonymousId());
  const signatures = new Map<string, string>();
  const signature = (): string | undefined => signatures.get(learner());
  // text traits go with event batches and check answers, so the console can show mastery and analytics per team or role
  const textTraits = (): Record<string, string> => Object.fromEntries(Object.entries(traits)
    .filter(([k, v]) => typeof v === 'string' && k.length <= 64 && v.length <= 200).slice(0, 20)) as Record<string, string>;
  const events = createEventQueue({ server: config.server, key: config.key, learnerId: learner, win,
    about: (id) => ({ learnerSignature: signatures.get(id), traits: id === learner() ? textTraits() : undefined }) });
  // checks are answered from the extra bundle, which is there once a check shows
  const answer: AnswerCheck = (...a) => loadMore().then((m) => m.createAnswerClient(config.server, config.key, learner, win, textTraits, signature)(...a));
  const overlay = createOverlay({ doc, nonce: config.nonce, send: (type, tipId, data) => events.add(type, tipId, data), traits: () => traits, learner, answer,
    heal: (tip, el) => healing && withMore((m) => m.heal(config.server, config.key, tip.id, tip.anchor!, el)) });
  let healing = true; // until the app's answer says it takes no refreshes
  // the walkthrough running for this learner (the player keeps it): the server delivers it on any page and holds reinforcement back
  const walking = (): string => readJson(() => win.localStorage, 'inflow.walking.' + learner(), '');
  const delivery = createDeliveryClient(config.server, config.key, (...a) => win.fetch(...a), learner, signature,
    () => walking() && '&walkthroughActive=true&walkthrough=' + walking()); // ids are [\w-] (the player takes no other)
  let player: Player | undefined;
  // the player comes with the extra bundle, on the first page with a walkthrough (or when one is started)
  const play = (fn: (p: Player) => void): void => withMore((m) => destroyed || fn(player ??= m.createPlayer({
    config, win, shadow: overlay.shadow, tooltip: showTooltip, send: events.add, answer, refresh, learner, signature,
  })));
  const lang = (): string => (typeof traits.locale == 'string' ? traits.locale : win.navigator.language);
  const forLearner = (tips: Tip[]): Tip[] => tips.filter((t) => inAudience(t.audience, traits));
  let pageTips: Tip[] = [];
  const stopLauncher = createLauncher(doc, {
    position: config.launcher ?? 'bottom-right',
    shadow: overlay.shadow,
    pageTips: () => forLearner(pageTips),
    async search(q) {
      const found = forLearner((await delivery.ask<{ tips?: Tip[] }>('search', win.location.href, lang(), q)).tips ?? []);
      // Searches that find nothing tell authors what is missing.
      events.add('search', '', { query: q, results: found.length, noResult: !found.length });
      return found;
    },
    mastery: () => delivery.ask('mastery', win.location.href, lang()),
    mine: forLearner,
    choose: (tip) => overlay.reveal(tip),
    player: () => player,
  });
  let page = pageOf(win.location.href);
  let viewed = '';
  let seq = 0;
  let destroyed = false;

  const refresh = async (): Promise<void> => {
    const mine = ++seq;
    // one page view per page and per SPA navigation, by path only: the query and fragment may carry personal data
    if (viewed !== page) {
      viewed = page;
      events.add('page_viewed', '', { path: win.location.pathname });
    }
    try {
      // The learner's language picks each tip's translation on the server (a short, cache-friendly parameter).
      const answer = await delivery.get(win.location.href, lang());
      const tips = answer.tips.map((t) => (t.id === answer.reinforce ? { ...t, due: true } : t));
      if (mine !== seq || destroyed) return;
      healing = answer.app?.anchorHealing !== false;
      pageTips = tips;
      // while a walkthrough runs its step is the page's one tooltip (the launcher still lists the page's tips)
      const walk = walking();
      overlay.show(walk ? [] : tips, page, answer.app?.theme);
      const walkthroughs = answer.walkthroughs ?? [];
      if (walkthroughs.length || player || walk) play((p) => {
        p.take(walkthroughs, page);
        if (!p.running() && mine === seq) overlay.show(tips, page, answer.app?.theme);
      });
    } catch {
      if (mine === seq && !destroyed) overlay.show([], page);
    }
  };

  const stopNavigation = watchNavigation(win, (url) => {
    const next = pageOf(url);
    if (next === page) return;
    page = next;
    void refresh();
  });

  const api: InflowApi = {
    identify(id, newTraits, options) {
      if (id == null || id === '') return;
      const next = String(id);
      if (typeof options?.signature == 'string') signatures.set(next, options.signature);
      if (learnerId && learnerId !== next && events.pending().length) events.flushBeacon();
      const nextTraits = newTraits && typeof newTraits == 'object' ? { ...newTraits } : {};
      const changed = next !== learnerId || JSON.stringify(nextTraits) !== JSON.stringify(traits);
      learnerId = next;
      traits = nextTraits;
      // Audiences, frequencies and the language depend on who it is: look again (after the first look).
      if (changed && seq) void refresh();
    },
    anchor,
    refresh,
    startWalkthrough: (id) => play((p) => p.start(String(id))),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopNavigation();
      stopLauncher();
      player?.destroy();
      overlay.destroy();
      events.destroy();
      const w = win as InflowWindow;
      if (w.Inflow === api) delete w.Inflow;
    },
  };
  // a link to #inflow-walkthrough=<id> starts it (the player then drops the fragment, so a reload resumes instead)
  const link = /^#inflow-walkthrough=([\w-]+)$/.exec(win.location.hash);
  if (link) api.startWalkthrough(link[1]);
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
