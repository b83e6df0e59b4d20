// Pure scoring: how much a described element looks like a fingerprint. No DOM access here.
import { similarity } from './text';
import type { AncestorInfo, AnchorProps, Box, Decision, Description, Fingerprint, Landmark } from './types';

/** Weights of each kind of evidence; only evidence present in the fingerprint counts toward the attainable total. */
export const WEIGHTS = {
  testId: 3, id: 2.5, name: 2, label: 2, ariaLabel: 1.5, text: 2.5, placeholder: 1, href: 1,
  title: 0.5, alt: 0.5, type: 0.5, role: 0.5, classes: 1, tag: 0.5,
  heading: 0.7, prevText: 0.5, nextText: 0.5, ancestors: 1, box: 0.5, accName: 0.5, words: 2, landmark: 0.5,
} as const;

/** Accept the best candidate at or above this share of the attainable weight ... */
export const THRESHOLD = 0.6;
/** ... and only with this lead over the runner-up. */
export const MARGIN = 0.1;

const EXACT: (keyof AnchorProps)[] = ['testId', 'id', 'name', 'type', 'role'];
const FUZZY: (keyof AnchorProps)[] = ['label', 'ariaLabel', 'text', 'placeholder', 'href', 'title', 'alt', 'accName'];

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const ACTION_ROLES = /^(button|link|menuitem|tab|option)$/;
const TEXT_TYPES = /^(text|email|number|tel|url|search|password|date|datetime-local|month|time|week)$/;

/** Tags that may stand for one another: a ≈ button ≈ [role=button]; text-like inputs; and so on. */
export function tagGroup(tag: string | null | undefined, props?: AnchorProps | null): string {
  const t = (tag ?? '').toLowerCase();
  const role = (props?.role ?? '').toLowerCase();
  const type = (props?.type ?? '').toLowerCase();
  if (t === 'input') {
    if (/^(submit|button|reset|image)$/.test(type)) return 'action';
    if (type === 'checkbox' || type === 'radio' || type === 'hidden' || type === 'file' || type === 'range' || type === 'color') return type;
    if (!type || TEXT_TYPES.test(type)) return 'text';
    return 'input-' + type;
  }
  if (t === 'a' || t === 'button' || ACTION_ROLES.test(role)) return 'action';
  if (t === 'textarea' || role === 'textbox' || role === 'searchbox') return 'text';
  if (t === 'select' || role === 'combobox' || role === 'listbox') return 'choice';
  if (role === 'checkbox' || role === 'switch') return 'checkbox';
  if (role === 'radio') return 'radio';
  return t || '*';
}

/** A CSS selector for every element that could belong to the group. */
export function groupSelector(group: string): string {
  switch (group) {
    case 'action': return 'a,button,input,[role]';
    case 'text': return 'input,textarea,[role=textbox],[role=searchbox]';
    case 'choice': return 'select,[role=combobox],[role=listbox]';
    case 'checkbox': return 'input,[role=checkbox],[role=switch]';
    case 'radio': return 'input,[role=radio]';
    case '*': return '*';
    default: return group.startsWith('input') || group === 'hidden' || group === 'file' || group === 'range' || group === 'color' ? 'input' : group;
  }
}

function ancestorMatches(want: AncestorInfo, have: AncestorInfo): boolean {
  if (want.tag !== have.tag) return false;
  if (present(want.testId)) return want.testId === have.testId;
  if (present(want.id)) return want.id === have.id;
  if (present(want.role)) return want.role === have.role;
  const wc = want.classes ?? [];
  if (wc.length) return wc.some((c) => (have.classes ?? []).includes(c));
  return true;
}

/** Share of recorded ancestors found, in order, among the candidate's (wrappers in between are fine). */
function ancestorSimilarity(want: AncestorInfo[], have: AncestorInfo[]): number {
  let j = 0, hits = 0;
  for (const w of want) {
    for (let k = j; k < have.length; k++) {
      if (ancestorMatches(w, have[k])) { hits++; j = k + 1; break; }
    }
  }
  return hits / want.length;
}

function classSimilarity(want: string[], have: string[]): number {
  if (!have.length) return 0;
  const common = want.filter((c) => have.includes(c)).length;
  return common / new Set([...want, ...have]).size;
}

function boxSimilarity(want: Box, have: Box | null): number {
  if (!have) return 0;
  const dx = want.x + want.w / 2 - (have.x + have.w / 2);
  const dy = want.y + want.h / 2 - (have.y + have.h / 2);
  return Math.max(0, 1 - Math.hypot(dx, dy) / 600);
}

/** True when the strongest recorded properties say this is a different element. */
export function contradicts(fp: Fingerprint, d: Description): boolean {
  const p = fp.props ?? {};
  if (present(p.testId) && present(d.props.testId) && p.testId !== d.props.testId) return true;
  if (present(p.name) && present(d.props.name) && p.name !== d.props.name) return true;
  if (present(p.label) && present(d.props.label) && similarity(p.label, d.props.label) < 0.5) return true;
  return false;
}

/** How much recorded evidence weighs, given how many candidates share it: rare values and words weigh more (IDF-like). */
export interface Rarity {
  value(key: string, value: string): number;
  word(word: string): number;
}

const RARITY_KEYS: (keyof AnchorProps)[] = ['testId', 'id', 'name', 'label', 'ariaLabel', 'text', 'placeholder', 'href', 'title', 'alt', 'accName'];

const lower = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** 1.5 for a value no other candidate has, falling towards 0.3 as more candidates share it; 1 when none has it. */
const factor = (n: number | undefined): number => (!n ? 1 : Math.max(0.3, 1.5 / (1 + Math.log2(n))));

/** Counts, over the candidates, how many share each recorded value and each recorded nearby word. */
export function rarityOver(fp: Fingerprint, descriptions: Description[]): Rarity {
  const p = fp.props ?? {};
  const counts = new Map<string, number>();
  for (const k of RARITY_KEYS) {
    const v = lower(p[k]);
    if (!v) continue;
    let n = 0;
    for (const d of descriptions) if (lower(d.props[k]) === v) n++;
    counts.set(k, n);
  }
  const words = new Map<string, number>();
  for (const w of fp.context?.words ?? []) words.set(w, 0);
  if (words.size) {
    for (const d of descriptions) for (const w of d.context.words ?? []) if (words.has(w)) words.set(w, words.get(w)! + 1);
  }
  return { value: (key) => factor(counts.get(key)), word: (w) => factor(words.get(w)) };
}

/** Share of the recorded nearby words found again, each word weighted by its rarity. */
function wordSimilarity(want: string[], have: string[] | null | undefined, rarity?: Rarity): number {
  if (!have?.length) return 0;
  const set = new Set(have);
  let total = 0, got = 0;
  for (const w of want) {
    const weight = rarity ? rarity.word(w) : 1;
    total += weight;
    if (set.has(w)) got += weight;
  }
  return total ? got / total : 0;
}

function landmarkSimilarity(want: Landmark, have: Landmark | null | undefined): number {
  if (!have) return 0;
  const sameKind = want.tag === have.tag || (present(want.role) && want.role === have.role) ? 0.5 : 0;
  return sameKind + (present(want.label) ? 0.5 * similarity(want.label, have.label) : sameKind);
}

/** Weighted similarity in [0, 1] of a description to a fingerprint; `rarity` scales each recorded value's weight. */
export function score(fp: Fingerprint, d: Description, rarity?: Rarity): number {
  const p = fp.props ?? {};
  let total = 0, got = 0;
  const add = (weight: number, sim: number): void => { total += weight; got += weight * sim; };
  const w = (k: keyof AnchorProps, v: string): number => (WEIGHTS as Record<string, number>)[k] * (rarity ? rarity.value(k, v) : 1);
  if (present(fp.tag)) add(WEIGHTS.tag, same(fp.tag, d.tag) ? 1 : 0);
  for (const k of EXACT) {
    const v = p[k];
    if (present(v)) { const h = d.props[k]; add(w(k, v), present(h) && same(v, h) ? 1 : 0); }
  }
  for (const k of FUZZY) {
    const v = p[k];
    if (present(v)) add(w(k, v), similarity(v, d.props[k] as string | null | undefined));
  }
  if (p.classes?.length) add(WEIGHTS.classes, classSimilarity(p.classes, d.props.classes ?? []));
  const c = fp.context ?? {};
  if (present(c.heading)) add(WEIGHTS.heading, similarity(c.heading, d.context.heading));
  if (present(c.prevText)) add(WEIGHTS.prevText, similarity(c.prevText, d.context.prevText));
  if (present(c.nextText)) add(WEIGHTS.nextText, similarity(c.nextText, d.context.nextText));
  if (c.words?.length) add(WEIGHTS.words, wordSimilarity(c.words, d.context.words, rarity));
  if (c.landmark) add(WEIGHTS.landmark, landmarkSimilarity(c.landmark, d.context.landmark));
  if (c.ancestors?.length) add(WEIGHTS.ancestors, ancestorSimilarity(c.ancestors, d.context.ancestors ?? []));
  const inL = fp.geometry?.inLandmark, haveInL = d.geometry?.inLandmark;
  if (inL && haveInL && inL.w > 0) add(WEIGHTS.box, boxSimilarity(inL, haveInL));
  else if (fp.box && fp.box.w > 0 && fp.box.h > 0) add(WEIGHTS.box, boxSimilarity(fp.box, d.box));
  if (total === 0) return 0;
  let s = got / total;
  if (present(p.testId) && present(d.props.testId) && p.testId !== d.props.testId) s *= 0.3;
  if (present(p.name) && present(d.props.name) && p.name !== d.props.name) s *= 0.6;
  return s;
}

export interface Ranked { index: number; score: number }

/** Candidates best first, and what the resolver decides from them. */
export interface Ranking { candidates: Ranked[]; decision: Decision }

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Scores every description, best first; candidates of an incompatible tag group score 0. */
export function scoreAll(fp: Fingerprint, descriptions: Description[]): Ranked[] {
  const group = tagGroup(fp.tag, fp.props);
  const rarity = rarityOver(fp, descriptions);
  return descriptions
    .map((d, index) => ({ index, score: round(group === '*' || tagGroup(d.tag, d.props) === group ? score(fp, d, rarity) : 0) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * Accepts the best visible candidate at or above THRESHOLD with MARGIN over the next visible one; otherwise a typed
 * miss. A candidate whose description says `visible: false` is never accepted and never makes a visible one ambiguous.
 */
export function decide(candidates: Ranked[], descriptions: Description[]): Decision {
  const best = candidates[0]?.score ?? 0;
  const shown: Ranked[] = [];
  let hiddenAbove = false;
  for (const r of candidates) {
    if (r.score < THRESHOLD - MARGIN || shown.length === 2) break;
    if (descriptions[r.index]?.visible === false) hiddenAbove ||= r.score >= THRESHOLD;
    else shown.push(r);
  }
  const top = shown[0];
  if (top && top.score >= THRESHOLD) {
    if (top.score - (shown[1]?.score ?? 0) < MARGIN) return { ok: false, reason: 'ambiguous', bestScore: top.score };
    return { ok: true, index: top.index, confidence: top.score, via: 'score' };
  }
  return { ok: false, reason: hiddenAbove ? 'not_visible' : 'not_found', bestScore: best };
}

/** The pure ranking: every description scored against the fingerprint, best first, with the decision. */
export function rank(fp: Fingerprint, descriptions: Description[]): Ranking {
  const candidates = scoreAll(fp, descriptions);
  return { candidates, decision: decide(candidates, descriptions) };
}
