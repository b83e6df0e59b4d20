// Pure scoring: how much a described element looks like a fingerprint. No DOM access here.
import { similarity } from './text';
import type { AncestorInfo, AnchorProps, Box, Description, Fingerprint } from './types';

/** Weights of each kind of evidence; only evidence present in the fingerprint counts toward the attainable total. */
export const WEIGHTS = {
  testId: 3, id: 2.5, name: 2, label: 2, ariaLabel: 1.5, text: 2.5, placeholder: 1, href: 1,
  title: 0.5, alt: 0.5, type: 0.5, role: 0.5, classes: 1, tag: 0.5,
  heading: 0.7, prevText: 0.5, nextText: 0.5, ancestors: 1, box: 0.5,
} as const;

/** Accept the best candidate at or above this share of the attainable weight ... */
export const THRESHOLD = 0.6;
/** ... and only with this lead over the runner-up. */
export const MARGIN = 0.1;

const EXACT: (keyof AnchorProps)[] = ['testId', 'id', 'name', 'type', 'role'];
const FUZZY: (keyof AnchorProps)[] = ['label', 'ariaLabel', 'text', 'placeholder', 'href', 'title', 'alt'];

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

/** Weighted similarity in [0, 1] of a description to a fingerprint. */
export function score(fp: Fingerprint, d: Description): number {
  const p = fp.props ?? {};
  let total = 0, got = 0;
  const add = (weight: number, sim: number): void => { total += weight; got += weight * sim; };
  if (present(fp.tag)) add(WEIGHTS.tag, same(fp.tag, d.tag) ? 1 : 0);
  for (const k of EXACT) {
    const v = p[k];
    if (present(v)) { const h = d.props[k]; add(WEIGHTS[k], present(h) && same(v, h) ? 1 : 0); }
  }
  for (const k of FUZZY) {
    const v = p[k];
    if (present(v)) add(WEIGHTS[k], similarity(v, d.props[k] as string | null | undefined));
  }
  if (p.classes?.length) add(WEIGHTS.classes, classSimilarity(p.classes, d.props.classes ?? []));
  const c = fp.context ?? {};
  if (present(c.heading)) add(WEIGHTS.heading, similarity(c.heading, d.context.heading));
  if (present(c.prevText)) add(WEIGHTS.prevText, similarity(c.prevText, d.context.prevText));
  if (present(c.nextText)) add(WEIGHTS.nextText, similarity(c.nextText, d.context.nextText));
  if (c.ancestors?.length) add(WEIGHTS.ancestors, ancestorSimilarity(c.ancestors, d.context.ancestors ?? []));
  if (fp.box && fp.box.w > 0 && fp.box.h > 0) add(WEIGHTS.box, boxSimilarity(fp.box, d.box));
  if (total === 0) return 0;
  let s = got / total;
  if (present(p.testId) && present(d.props.testId) && p.testId !== d.props.testId) s *= 0.3;
  if (present(p.name) && present(d.props.name) && p.name !== d.props.name) s *= 0.6;
  return s;
}

export interface Ranked { index: number; score: number }

/** Scores every description, best first. Candidates of an incompatible tag group score 0. */
export function rank(fp: Fingerprint, descriptions: Description[]): Ranked[] {
  const group = tagGroup(fp.tag, fp.props);
  return descriptions
    .map((d, index) => ({ index, score: group === '*' || tagGroup(d.tag, d.props) === group ? score(fp, d) : 0 }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
}
