// The walkthrough player (in the extra bundle): shows a walkthrough's steps one at a time across pages, keeps
// each learner's progress in localStorage and on the server (the newer of the two wins; what the server missed
// goes out when the network returns), and reports step_viewed, walkthrough_completed and anchor_missing.
import { waitFor } from './anchor/wait';
import type { AnswerCheck } from './answers';
import { readJson, writeJson } from './storage';
import type { CheckResult, EventType, Tip, Walkthrough, WalkthroughStep } from './types';
import { showModal } from './ui/modal';
import { el, setAttr } from './ui/parts';
import type { TipCallbacks } from './ui/parts';
import type { Shown } from './ui/tooltip';

/** What the core hands the player (it keeps Floating UI, so the tooltip comes from there). */
export interface PlayerContext {
  config: { server: string; key: string };
  win: Window;
  shadow(): ShadowRoot;
  tooltip(shadow: ShadowRoot, anchor: Element, tip: Tip, cb: TipCallbacks): Shown;
  send(type: EventType, tipId: string, data?: Record<string, unknown>): void;
  answer: AnswerCheck;
  /** Asks the server again for this page (a walkthrough started here may have steps the page has not got). */
  refresh(): Promise<void>;
  learner(): string;
  signature(): string | undefined;
  /** How long a step's element may take to appear before the step is skipped and reported (default 5 s). */
  waitMs?: number;
}

export interface Player {
  /** Takes the walkthroughs delivered for a page view and shows the running one's step when it belongs here. */
  take(walkthroughs: Walkthrough[], page: string): void;
  /** Starts (or restarts) a walkthrough from step 1. */
  start(id: string): void;
  /** Goes on where the learner left off. */
  resume(id: string): void;
  /** Whether a walkthrough's step is on this page now. */
  running(): boolean;
  /** The page's walkthroughs with this learner's progress, for the launcher. */
  list(): { walkthrough: Walkthrough; progress: Saved | undefined }[];
  destroy(): void;
}

export type Status = 'active' | 'completed' | 'closed';

/** One walkthrough's progress as this browser keeps it; `sent` once the server took it. */
export interface Saved {
  step: number;
  status: Status;
  at: string;
  sent?: boolean;
}

/** The running walkthrough's id, per learner; the core reads it to tell the server a walkthrough runs. */
export const WALKING = 'inflow.walking.';
const PROGRESS = 'inflow.walkthroughs.';
/** What a walkthrough id looks like (it goes into the delivery URL as it is). */
const ID = /^[\w-]{1,64}$/;

/** The newer of what this browser kept and what the server has (the server's on a tie: it has seen both). */
export function newer(local: Saved | undefined, server: { step: number; status: Status; updatedAt: string } | null | undefined): Saved | undefined {
  if (!server) return local;
  if (local && local.at > server.updatedAt) return local;
  return { step: server.step, status: server.status, at: server.updatedAt, sent: true };
}

/**
 * Where to go after a step: its check's answer branches (onRight/onWrong, or the same step again when the check's
 * wrong-answer action is repeat_step); without an answer, the next step.
 */
export function nextPosition(step: WalkthroughStep, answer: CheckResult | null): number {
  if (!answer) return step.position + 1;
  if (answer.correct) return step.onRight ?? step.position + 1;
  if (answer.next?.action === 'repeat_step') return step.position;
  return step.onWrong ?? step.position + 1;
}

export function createPlayer(ctx: PlayerContext): Player {
  const { win } = ctx;
  const doc = win.document;
  const store = (): Storage => win.localStorage;
  const progressKey = (): string => PROGRESS + ctx.learner();
  const saved = (): Record<string, Saved> => readJson<Record<string, Saved>>(store, progressKey(), {});
  const known = new Map<string, Walkthrough>();
  let page = '';
  /** What is on screen (or waited for): which walkthrough, step and page view, and how to take it away; `step`: a step's box is up. */
  let current: { key: string; step?: boolean; stop(): void } | null = null;
  let returnTo: HTMLElement | null = null;
  let live = true;
  let descriptions = 0;

  const walking = (): string => readJson(store, WALKING + ctx.learner(), '');
  const setWalking = (id: string): void => {
    if (id === walking()) return;
    writeJson(store, WALKING + ctx.learner(), id);
    // the page's own tips step aside while a walkthrough runs and come back when it ends (one tooltip at a time)
    void ctx.refresh();
  };

  /** Writes on their way (walkthrough id and time), so a page view meanwhile does not send them twice. */
  const sending = new Set<string>();
  const post = (id: string, s: Saved): void => {
    const flight = `${id} ${s.at}`;
    if (sending.has(flight)) return;
    sending.add(flight);
    const body = JSON.stringify({ learnerId: ctx.learner(), learnerSignature: ctx.signature(), step: s.step, status: s.status, at: s.at });
    // keepalive: the learner may leave the page at once (a step's link to the next page)
    win.fetch(`${ctx.config.server}/api/v1/walkthroughs/${encodeURIComponent(id)}/progress?key=${encodeURIComponent(ctx.config.key)}`,
      { method: 'POST', credentials: 'omit', keepalive: true, headers: { 'Content-Type': 'text/plain' }, body })
      .then((r) => {
        sending.delete(flight);
        if (!r.ok) return;
        const all = saved();
        if (all[id]?.at === s.at) writeJson(store, progressKey(), { ...all, [id]: { ...s, sent: true } });
      }, () => sending.delete(flight)); // offline: sent again when the network returns
  };

  const save = (id: string, step: number, status: Status): void => {
    const s: Saved = { step, status, at: new Date().toISOString() };
    writeJson(store, progressKey(), { ...saved(), [id]: s });
    post(id, s);
  };

  const sendMissed = (): void => {
    for (const [id, s] of Object.entries(saved())) if (!s.sent) post(id, s);
  };
  win.addEventListener('online', sendMissed);

  const clear = (): void => {
    current?.stop();
    current = null;
  };

  const end = (id: string, step: number, status: Status): void => {
    save(id, step, status);
    if (walking() === id) setWalking('');
    clear();
    if (returnTo?.isConnected) returnTo.focus();
    returnTo = null;
  };

  /** The step's controls: where the learner is, and Back / Skip / Next / Close. */
  const controls = (w: Walkthrough, step: WalkthroughStep, answered: () => CheckResult | null): { bar: HTMLElement; refresh(): void } => {
    const bar = el(doc, 'div', 'steps');
    const count = el(doc, 'span', 'count', `Step ${step.position} of ${w.steps.length}`);
    const button = (name: string, text: string, go: () => void): HTMLButtonElement => {
      const b = el(doc, 'button', name, text);
      b.type = 'button';
      b.setAttribute('data-inflow-step', name);
      b.addEventListener('click', go);
      return b;
    };
    const last = (): boolean => nextPosition(step, answered()) > w.steps.length;
    const back = button('back', 'Back', () => go(w, step.position - 1));
    back.disabled = step.position === 1;
    const skip = button('skip', 'Skip', () => go(w, step.position + 1));
    const next = button('next', 'Next', () => go(w, nextPosition(step, answered())));
    const close = button('close', 'Close', () => end(w.id, step.position, 'closed'));
    bar.append(count, back, skip, next, close);
    const refresh = (): void => {
      const a = answered();
      next.textContent = a && nextPosition(step, a) === step.position ? 'Try again' : last() ? 'Done' : 'Next';
    };
    refresh();
    return { bar, refresh };
  };

  /** Moves to a step (past the last one: the walkthrough is completed). */
  const go = (w: Walkthrough, position: number): void => {
    if (position < 1) return;
    if (position > w.steps.length) {
      ctx.send('walkthrough_completed', w.steps[w.steps.length - 1]?.tip?.id ?? '', { walkthroughId: w.id });
      end(w.id, w.steps.length, 'completed');
      return;
    }
    save(w.id, position, 'active');
    clear();
    show(w, position);
  };

  /** A step whose page this is not: a small pointer to its page, when the author recorded one. */
  const elsewhere = (w: Walkthrough, step: WalkthroughStep): void => {
    if (!step.url) return;
    const box = el(doc, 'div', 'tip continue');
    box.setAttribute('role', 'status');
    box.setAttribute('data-inflow-walkthrough', w.id);
    box.setAttribute('data-step', String(step.position));
    const link = el(doc, 'a', '', step.title || 'the next page');
    link.href = step.url;
    const close = el(doc, 'button', 'close', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close walkthrough');
    close.addEventListener('click', () => end(w.id, step.position, 'closed'));
    box.append(el(doc, 'span', '', `${w.title}: step ${step.position} of ${w.steps.length} continues on `), link, close);
    ctx.shadow().appendChild(box);
    current = { key: `${w.id}:${step.position}:${page}`, stop: () => box.remove() };
  };

  const show = (w: Walkthrough, position: number): void => {
    const step = w.steps[position - 1];
    const key = `${w.id}:${position}:${page}`;
    if (current?.key === key) return;
    clear();
    if (!step.onPage) return elsewhere(w, step);
    const tip = step.tip;
    const missing = (reason: string, bestScore = 0): void => {
      ctx.send('anchor_missing', tip?.id ?? '', { walkthroughId: w.id, step: position, reason, bestScore });
      go(w, position + 1);
    };
    if (!tip) return missing('no_tip');
    let answer: CheckResult | null = null;
    let bar: ReturnType<typeof controls> | null = null;
    const cb: TipCallbacks = {
      onDismiss: () => end(w.id, position, 'closed'),
      onLink: (url) => ctx.send('link_opened', tip.id, { url }),
      answer: (ids, ms) => ctx.answer(tip.id, ids, ms).then((r) => {
        answer = r;
        bar?.refresh();
        return r;
      }),
    };
    const present = (anchor: Element | null): void => {
      const shadow = ctx.shadow();
      const shown = anchor ? ctx.tooltip(shadow, anchor, tip, cb) : showModal(shadow, doc, tip, cb);
      const { box } = shown;
      box.setAttribute('data-inflow-walkthrough', w.id);
      box.setAttribute('data-step', String(position));
      box.querySelector('.actions')?.remove(); // the modal's "Got it": the step's own buttons take its place
      box.querySelector(':scope > .close')?.remove(); // Close is among them
      bar = controls(w, step, () => answer);
      box.appendChild(bar.bar);
      let undescribe = (): void => undefined;
      let description: HTMLElement | null = null;
      if (anchor) {
        // aria-describedby cannot point into the shadow root: the description lives, hidden, beside it in the light DOM
        description = el(doc, 'span', '', `Step ${position} of ${w.steps.length} of ${w.title}: ${tip.title}`);
        description.id = `inflow-step-description-${++descriptions}`;
        description.hidden = true;
        shadow.host.appendChild(description);
        const before = anchor.getAttribute('aria-describedby');
        undescribe = setAttr(anchor, 'aria-describedby', before ? `${before} ${description.id}` : description.id);
      }
      returnTo ??= doc.activeElement instanceof HTMLElement && !shadow.host.contains(doc.activeElement) ? doc.activeElement : null;
      (box.querySelector<HTMLElement>('[data-inflow-step="next"]') ?? box).focus();
      ctx.send('step_viewed', tip.id, { walkthroughId: w.id, step: position });
      current = {
        key,
        step: true,
        stop: () => {
          shown.destroy();
          undescribe();
          description?.remove();
        },
      };
    };
    if (!tip.anchor) return present(null);
    const abort = new AbortController();
    current = { key, stop: () => abort.abort() };
    // the same bounded, observer-driven wait as any anchor: never a polling loop
    void waitFor(tip.anchor, { timeoutMs: ctx.waitMs ?? 5000, signal: abort.signal }).then((r) => {
      if (abort.signal.aborted || !live) return;
      current = null;
      if (r.ok) present(r.element);
      else missing(r.reason, r.bestScore);
    });
  };

  const run = (id: string, position: number): void => {
    setWalking(id);
    const w = known.get(id);
    if (w) show(w, Math.min(Math.max(position, 1), w.steps.length));
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented || !current?.step) return;
    const [id, step] = current.key.split(':');
    end(id, Number(step), 'closed');
  };
  doc.addEventListener('keydown', onKey);

  return {
    take(walkthroughs, nextPage) {
      if (!live) return;
      page = nextPage;
      const all = saved();
      let changed = false;
      for (const w of walkthroughs) {
        known.set(w.id, w);
        const merged = newer(all[w.id], w.progress);
        if (merged && merged !== all[w.id]) {
          all[w.id] = merged;
          changed = true;
        } else if (merged && !merged.sent) post(w.id, merged); // newer here than on the server: the server missed it
      }
      if (changed) writeJson(store, progressKey(), all);
      let id = walking();
      if (id && all[id]?.status !== 'active' && all[id]) {
        setWalking('');
        id = '';
      }
      // running on the server (another tab or device): go on here too
      id ||= walkthroughs.find((w) => all[w.id]?.status === 'active')?.id ?? '';
      if (!id) {
        const auto = walkthroughs.find((w) => w.startOn === 'page_load' && !all[w.id] && w.steps[0]?.onPage);
        if (auto) {
          save(auto.id, 1, 'active');
          id = auto.id;
        }
      }
      if (id && known.has(id) && walkthroughs.some((w) => w.id === id)) run(id, saved()[id]?.step ?? 1);
      else if (current && !walkthroughs.some((w) => current!.key.startsWith(`${w.id}:`))) clear();
    },
    start(id) {
      if (!ID.test(id)) return;
      if (win.location.hash === `#inflow-walkthrough=${id}`) win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
      save(id, 1, 'active');
      clear();
      run(id, 1);
      // its steps on this page may not have come with this page's delivery
      if (!known.has(id)) void ctx.refresh();
    },
    running: () => current !== null,
    resume(id) {
      const s = saved()[id];
      if (!s || s.status === 'completed') return this.start(id);
      save(id, s.step, 'active');
      clear();
      run(id, s.step);
    },
    list: () => Array.from(known.values()).map((walkthrough) => ({ walkthrough, progress: saved()[walkthrough.id] })),
    destroy() {
      live = false;
      clear();
      win.removeEventListener('online', sendMissed);
      doc.removeEventListener('keydown', onKey);
    },
  };
}
