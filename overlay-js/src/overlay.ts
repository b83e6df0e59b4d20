// Shows the tips of one page view: anchors them, arms their triggers, gives the one open place
// to the tip that matters most, and reports what the learner does.
import type { Fingerprint, ResolveResult } from './anchor/index';
import { drifted } from './anchor/drift';
import { locate } from './anchor/locate';
import type { AnswerCheck } from './answers';
import { inAudience } from './audience';
import type { Traits } from './audience';
import { createMemory } from './memory';
import { armTrigger } from './triggers';
import type { EventType, Tip } from './types';
import { createRoot } from './ui/root';
import type { OverlayRoot } from './ui/root';
import { loaded, loadMore, withMore } from './lazy';
import type { More } from './more';
import { showTooltip } from './ui/tooltip';
import type { Shown } from './ui/tooltip';
import type { TipCallbacks } from './ui/parts';
import { createWatch } from './watch';
import type { WatchOptions } from './watch';

export interface OverlayOptions {
  doc?: Document;
  nonce?: string | null;
  send(type: EventType, tipId: string, data?: Record<string, unknown>): void;
  answer?: AnswerCheck;
  watch?: WatchOptions;
  /** The traits from `Inflow.identify`, for audiences. */
  traits?: () => Traits;
  /** Whose frequency memory to use. */
  learner?: () => string;
  /** Offers a drifted anchor's element for healing (after a confident match only). */
  heal?: (tip: Tip, el: Element) => void;
}

export interface Overlay {
  /**
   * Replaces the tips of the page view: tips no longer listed (or no longer for this learner) go
   * away, new ones are anchored and armed. A different `view` starts a new visit.
   */
  show(tips: Tip[], view?: string, theme?: Record<string, string>): void;
  dismiss(tipId: string, how: 'close' | 'escape' | 'got_it'): void;
  /** Shows a tip the learner chose in the launcher: beside its element when it is on the page, else as a modal. */
  reveal(tip: Tip): void;
  /** The shadow root everything is drawn in (created on first use). */
  shadow(): ShadowRoot;
  destroy(): void;
}

interface State {
  tip: Tip;
  el: Element | null;
  /** Its trigger fired: it wants to be seen. */
  ready: boolean;
  shown: Pick<Shown, 'destroy'> | null;
  /** How its anchor was last found, so anchor health can tell narrow matches from sure ones. */
  hit: ResolveResult | null;
  disarm(): void;
}

const PRESENTATIONS = ['tooltip', 'modal', 'hotspot', 'banner'];

/** Modals, banners and hotspots come with the extra bundle: shown at once when it is there, else once it has loaded. */
function later(make: (m: More) => Shown): Pick<Shown, 'destroy'> {
  let shown: Shown | null = null;
  let gone = false;
  withMore((m) => {
    if (!gone) shown = make(m);
  });
  return { destroy: () => { gone = true; shown?.destroy(); } };
}

export function createOverlay(options: OverlayOptions): Overlay {
  const doc = options.doc ?? document;
  const memory = createMemory(() => doc.defaultView!.localStorage, options.learner ?? (() => 'anonymous'));
  let root: OverlayRoot | null = null;
  const watch = createWatch(doc, { ...options.watch, ignore: () => root?.host ?? null });
  const states = new Map<string, State>();
  const announced = new Set<string>();
  /** Tips closed on this visit (every_visit tips come back on the next one). */
  const closed = new Set<string>();
  /** The one tooltip or modal open now (a hotspot's tooltip included). */
  let open: State | null = null;
  let view: string | undefined;
  let theme: Record<string, string> = {};
  let destroyed = false;
  /** While a delivery is taken in, so that priority is decided over all of its tips at once. */
  let taking = false;

  const shadow = (): ShadowRoot => {
    if (!root || !root.host.isConnected) root = createRoot(doc, options.nonce);
    // Setting element.style from script is allowed under a strict CSP (a style attribute in markup is not).
    for (const k in theme) root.host.style.setProperty(`--inflow-${k}`, theme[k]);
    return root.shadow;
  };

  /**
   * Resolves with the recorded selectors; when only the weighted similarity can decide, that comes with the extra
   * bundle, and every anchor is looked at again once it is there.
   */
  const find = (fp: Fingerprint): ResolveResult => locate(fp, undefined, loaded()?.viaScore) ?? (
    loadMore().then(() => destroyed || watch.check(), () => {}), { ok: false, reason: 'not_found', bestScore: 0 });

  const callbacks = (tipId: string): TipCallbacks => ({
    onDismiss: (how) => api.dismiss(tipId, how),
    onLink: (url) => options.send('link_opened', tipId, { url }),
    answer: options.answer && ((ids, ms) => options.answer!(tipId, ids, ms)),
  });

  const announce = (tip: Tip): void => {
    if (announced.has(tip.id)) return;
    announced.add(tip.id);
    memory.shown(tip.id);
    const hit = states.get(tip.id)?.hit;
    options.send('tip_shown', tip.id, hit?.ok ? { confidence: hit.confidence, via: hit.via } : undefined);
  };

  const hide = (state: State): void => {
    state.shown?.destroy();
    state.shown = null;
    if (open === state) open = null;
  };

  const openTip = (state: State): void => {
    if (open && open !== state) hide(open);
    hide(state);
    const { tip } = state;
    open = state;
    state.shown = tip.presentation === 'modal'
      ? later((m) => m.showModal(shadow(), doc, tip, callbacks(tip.id)))
      : showTooltip(shadow(), state.el!, tip, callbacks(tip.id));
    announce(tip);
  };

  /**
   * Banners show as soon as they are ready. The highest-priority ready tooltip or modal takes the
   * open place when it is free; hotspot beacons wait until it is, then show together.
   */
  const arrange = (): void => {
    if (destroyed || taking) return;
    const ready = Array.from(states.values()).filter((s) => s.ready && (s.el || !s.tip.anchor))
      .sort((a, b) => (b.tip.priority ?? 0) - (a.tip.priority ?? 0));
    for (const s of ready) {
      if (s.tip.presentation === 'banner' && !s.shown) {
        s.shown = later((m) => m.showBanner(shadow(), doc, s.tip, callbacks(s.tip.id)));
        announce(s.tip);
      }
    }
    if (!open) {
      const next = ready.find((s) => s.tip.presentation === 'tooltip' || s.tip.presentation === 'modal');
      if (next) openTip(next);
    }
    for (const s of ready) {
      if (s.tip.presentation !== 'hotspot' || s === open) continue;
      if (open) hide(s);
      else if (!s.shown) {
        const el = s.el!;
        s.shown = later((m) => m.showBeacon(shadow(), el, s.tip, () => openTip(s)));
      }
    }
  };

  const fire = (state: State, byLearner: boolean): void => {
    if (state.ready && !byLearner) return;
    state.ready = true;
    // What the learner asks for (hover, click) takes the open place from a tip that came by itself.
    if (byLearner && state.tip.presentation !== 'banner') openTip(state);
    arrange();
  };

  const drop = (id: string): void => {
    const state = states.get(id);
    if (!state) return;
    watch.remove(id);
    state.disarm();
    hide(state);
    states.delete(id);
  };

  const onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const target = open ?? Array.from(states.values()).reverse().find((s) => s.shown && s.tip.presentation === 'banner');
    if (target) api.dismiss(target.tip.id, 'escape');
  };
  doc.addEventListener('keydown', onKeydown);

  const api: Overlay = {
    show(tips, nextView, nextTheme) {
      if (destroyed) return;
      theme = nextTheme ?? theme;
      if (nextView !== view) closed.clear();
      view = nextView;
      const traits = options.traits?.() ?? {};
      const wanted = new Map(tips
        .filter((t) => t && typeof t.id === 'string' && PRESENTATIONS.includes(t.presentation) && inAudience(t.audience, traits))
        .map((t) => [t.id, t]));
      for (const [id, old] of Array.from(states)) {
        const next = wanted.get(id);
        if (!next || next.version !== old.tip.version || next.locale !== old.tip.locale) drop(id); // changed, or now in another language
      }
      // A new page view: tips that were not carried over may announce themselves again.
      for (const id of Array.from(announced)) if (!states.has(id)) announced.delete(id);
      // what these tips need from the extra bundle starts loading now, while their anchors are looked for
      if (Array.from(wanted.values()).some((t) => t.check || t.presentation !== 'tooltip')) loadMore().catch(() => {});
      taking = true;
      for (const tip of wanted.values()) {
        // a due reinforce-tip comes back even if it was dismissed or shown before
        if (states.has(tip.id) || (!tip.due && (closed.has(tip.id) || !memory.allows(tip.id, tip.frequency)))) continue;
        const state: State = { tip, el: null, ready: false, shown: null, hit: null, disarm: () => undefined };
        states.set(tip.id, state);
        const fp = tip.anchor;
        if (!fp) {
          state.ready = tip.trigger !== 'launcher';
          continue;
        }
        watch.add(tip.id, {
          find: () => (state.hit = find(fp)),
          found: (el) => {
            state.el = el;
            if (state.hit?.ok && state.hit.confidence >= 0.8 && drifted(fp, el)) options.heal?.(tip, el);
            state.disarm = armTrigger(tip.trigger, el, (byLearner) => fire(state, byLearner));
            arrange();
          },
          lost: () => {
            state.disarm();
            state.el = null;
            state.ready = false;
            if (tip.presentation !== 'modal' && tip.presentation !== 'banner') hide(state); // a centred box does not need its element
            arrange();
          },
          missing: (miss) => options.send('anchor_missing', tip.id, miss),
        });
      }
      taking = false;
      arrange();
    },
    dismiss(tipId, how) {
      if (!states.has(tipId)) return;
      options.send('tip_dismissed', tipId, { how });
      memory.dismissed(tipId);
      closed.add(tipId);
      drop(tipId);
      arrange();
    },
    reveal(tip) {
      drop(tip.id);
      const found = tip.anchor && find(tip.anchor);
      const el = found && found.ok ? found.element : null;
      const state: State = { tip: { ...tip, presentation: el && tip.presentation != 'modal' ? 'tooltip' : 'modal' }, el, ready: true, shown: null, hit: null, disarm: () => undefined };
      states.set(tip.id, state);
      el?.scrollIntoView({ block: 'center' });
      openTip(state);
    },
    shadow,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const id of Array.from(states.keys())) drop(id);
      watch.destroy();
      doc.removeEventListener('keydown', onKeydown);
      root?.destroy();
      root = null;
    },
  };
  return api;
}
