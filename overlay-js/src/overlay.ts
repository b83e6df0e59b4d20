// Shows the tips of one page view: anchors them, renders them, and reports what the learner does.
import { resolve } from './anchor/index';
import type { AnswerCheck } from './answers';
import type { EventType, Tip } from './types';
import { createRoot } from './ui/root';
import type { OverlayRoot } from './ui/root';
import { showModal } from './ui/modal';
import { showTooltip } from './ui/tooltip';
import type { Shown } from './ui/tooltip';
import type { TipCallbacks } from './ui/parts';
import { createWatch } from './watch';
import type { WatchOptions } from './watch';
import { readJson, writeJson } from './storage';

export interface OverlayOptions {
  doc?: Document;
  nonce?: string | null;
  send(type: EventType, tipId: string, data?: Record<string, unknown>): void;
  answer?: AnswerCheck;
  watch?: WatchOptions;
}

export interface Overlay {
  /** Replaces the tips of the page view: tips no longer listed go away, new ones are anchored and shown. */
  show(tips: Tip[]): void;
  dismiss(tipId: string, how: 'close' | 'escape' | 'got_it'): void;
  destroy(): void;
}

interface State {
  tip: Tip;
  shown: Shown | null;
}

const DISMISSED_KEY = 'inflow.dismissed';

export function createOverlay(options: OverlayOptions): Overlay {
  const doc = options.doc ?? document;
  const session = (): Storage => doc.defaultView!.sessionStorage;
  let root: OverlayRoot | null = null;
  const watch = createWatch(doc, { ...options.watch, ignore: () => root?.host ?? null });
  const states = new Map<string, State>();
  const announced = new Set<string>();
  const dismissed = new Set<string>(readJson<string[]>(session, DISMISSED_KEY, []));
  const waitingModals: string[] = [];
  let openModal: string | null = null;
  let destroyed = false;

  const shadow = (): ShadowRoot => {
    if (!root || !root.host.isConnected) root = createRoot(doc, options.nonce);
    return root.shadow;
  };

  const callbacks = (tipId: string): TipCallbacks => ({
    onDismiss: (how) => api.dismiss(tipId, how),
    onLink: (url) => options.send('link_opened', tipId, { url }),
    answer: options.answer && ((ids, ms) => options.answer!(tipId, ids, ms)),
  });

  const announce = (tipId: string): void => {
    if (announced.has(tipId)) return;
    announced.add(tipId);
    options.send('tip_shown', tipId);
  };

  const openNextModal = (): void => {
    while (!openModal && waitingModals.length) {
      const id = waitingModals.shift()!;
      const state = states.get(id);
      if (!state || state.shown) continue;
      openModal = id;
      state.shown = showModal(shadow(), doc, state.tip, callbacks(id));
      announce(id);
    }
  };

  const render = (state: State, el: Element | null): void => {
    if (state.shown || destroyed) return;
    if (state.tip.presentation === 'modal') {
      if (!waitingModals.includes(state.tip.id)) waitingModals.push(state.tip.id);
      openNextModal();
      return;
    }
    if (!el) return;
    state.shown = showTooltip(shadow(), el, state.tip, callbacks(state.tip.id));
    announce(state.tip.id);
  };

  const unrender = (state: State): void => {
    if (state.tip.presentation === 'modal') return; // a centred modal does not depend on its element staying
    state.shown?.destroy();
    state.shown = null;
  };

  const drop = (id: string): void => {
    const state = states.get(id);
    if (!state) return;
    watch.remove(id);
    state.shown?.destroy();
    states.delete(id);
    const i = waitingModals.indexOf(id);
    if (i >= 0) waitingModals.splice(i, 1);
    if (openModal === id) {
      openModal = null;
      openNextModal();
    }
  };

  const onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const target = openModal ?? Array.from(states.values()).reverse().find((s) => s.shown)?.tip.id;
    if (target) api.dismiss(target, 'escape');
  };
  doc.addEventListener('keydown', onKeydown);

  const api: Overlay = {
    show(tips) {
      if (destroyed) return;
      const wanted = new Map(tips.filter((t) => t && typeof t.id === 'string').map((t) => [t.id, t]));
      for (const id of Array.from(states.keys())) {
        const old = states.get(id)!;
        const next = wanted.get(id);
        if (!next || next.version !== old.tip.version) drop(id);
      }
      // A new page view: tips that were not carried over may announce themselves again.
      for (const id of Array.from(announced)) if (!states.has(id)) announced.delete(id);
      for (const tip of wanted.values()) {
        if (states.has(tip.id) || (dismissed.has(tip.id) && !tip.due)) continue;
        if (tip.presentation !== 'tooltip' && tip.presentation !== 'modal' && tip.presentation !== 'hotspot') continue;
        const state: State = { tip, shown: null };
        states.set(tip.id, state);
        if (!tip.anchor) {
          if (tip.presentation === 'modal') render(state, null);
          continue;
        }
        const fp = tip.anchor;
        watch.add(tip.id, {
          find: () => resolve(fp),
          found: (el) => render(state, el),
          lost: () => unrender(state),
          missing: (miss) => options.send('anchor_missing', tip.id, miss),
        });
      }
    },
    dismiss(tipId, how) {
      if (!states.has(tipId)) return;
      options.send('tip_dismissed', tipId, { how });
      dismissed.add(tipId);
      writeJson(session, DISMISSED_KEY, Array.from(dismissed).slice(-200));
      drop(tipId);
    },
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
