// Pure scoring of an element's own properties against a fingerprint (the resolver's fast path checks with it; rank.ts
// adds the neighbourhood). No DOM access here.
import { similarity } from './text';
import type { AnchorProps, Description, Fingerprint } from './types';

/** Weights of each kind of evidence; only evidence present in the fingerprint counts toward the attainable total. */
export const WEIGHTS = {
  testId: 3, id: 2.5, name: 2, value: 1.5, label: 2, ariaLabel: 1.5, text: 2.5, placeholder: 1, href: 1,
  title: 0.5, alt: 0.5, type: 0.5, role: 0.5, classes: 1, tag: 0.5,
  heading: 0.7, prevText: 0.5, nextText: 0.5, ancestors: 1, box: 0.5, accName: 0.5, words: 2, landmark: 0.5,
  rowLabel: 2.5, rowIndex: 0.3,
} as const;

/** Accept the best candidate at or above this share of the attainable weight ... */
export const THRESHOLD = 0.6;
/** ... and only with this lead over the runner-up. */
export const MARGIN = 0.1;

const EXACT: (keyof AnchorProps)[] = ['testId', 'id', 'name', 'value', 'type', 'role'];
const FUZZY: (keyof AnchorProps)[] = ['label', 'ariaLabel', 'text', 'placeholder', 'href', 'title', 'alt', 'accName'];

export const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
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

function classSimilarity(want: string[], have: string[]): number {
  if (!have.length) return 0;
  const common = want.filter((c) => have.includes(c)).length;
  return common / new Set([...want, ...have]).size;
}

/** True when the strongest recorded properties say this is a different element. */
export function contradicts(fp: Fingerprint, d: Description): boolean {
  const p = fp.props ?? {};
  if (present(p.testId) && present(d.props.testId) && p.testId !== d.props.testId) return true;
  if (present(p.name) && present(d.props.name) && p.name !== d.props.name) return true;
  // A radio button's or checkbox's value is which option it is.
  if (present(p.value) && present(d.props.value) && p.value !== d.props.value) return true;
  if (present(p.label) && present(d.props.label) && similarity(p.label, d.props.label) < 0.5) return true;
  return false;
}

/** How much recorded evidence weighs, given how many candidates share it: rare values and words weigh more (IDF-like). */
export interface Rarity {
  value(key: string, value: string): number;
  word(word: string): number;
  /** The same for a word of the row's label, counted over the candidates' row labels. */
  rowWord(word: string): number;
  /** Whether some candidate still has the recorded value of `key`. */
  held(key: string): boolean;
}

/** Evidence so far: the attainable weight and the weight the candidate earned. */
export interface Tally {
  total: number;
  got: number;
}

/** Adds the evidence of the element's own properties; `rarity` scales each recorded value's weight. */
export function propsEvidence(fp: Fingerprint, d: Description, t: Tally, rarity?: Rarity): void {
  const p = fp.props ?? {};
  const add = (weight: number, sim: number): void => { t.total += weight; t.got += weight * sim; };
  const w = (k: keyof AnchorProps, v: string): number => (WEIGHTS as Record<string, number>)[k] * (rarity ? rarity.value(k, v) : 1);
  if (present(fp.tag)) add(WEIGHTS.tag, same(fp.tag, d.tag) ? 1 : 0);
  // A property that is gone counts half: attributes get dropped in refactors, while a value that now reads
  // differently is evidence of another element.
  const weigh = (k: keyof AnchorProps, v: string, sim: number): void => add(w(k, v) * (present(d.props[k]) ? 1 : 0.5), sim);
  for (const k of EXACT) {
    const v = p[k], h = d.props[k];
    if (present(v)) weigh(k, v, present(h) && same(v, h) ? 1 : 0);
  }
  for (const k of FUZZY) {
    const v = p[k];
    if (present(v)) weigh(k, v, similarity(v, d.props[k] as string | null | undefined));
  }
  if (p.classes?.length) add(WEIGHTS.classes, classSimilarity(p.classes, d.props.classes ?? []));
}

/** The evidence as a share of what was attainable, lowered when an identifying property says otherwise. */
export function share(fp: Fingerprint, d: Description, t: Tally): number {
  if (t.total === 0) return 0;
  const p = fp.props ?? {};
  let s = t.got / t.total;
  if (present(p.testId) && present(d.props.testId) && p.testId !== d.props.testId) s *= 0.3;
  if (present(p.name) && present(d.props.name) && p.name !== d.props.name) s *= 0.6;
  if (present(p.value) && present(d.props.value) && p.value !== d.props.value) s *= 0.6;
  return s;
}

/** Similarity in [0, 1] of an element's own properties to the fingerprint's (no neighbourhood). */
export function ownScore(fp: Fingerprint, d: Description): number {
  const t = { total: 0, got: 0 };
  propsEvidence(fp, d, t);
  return share(fp, d, t);
}
