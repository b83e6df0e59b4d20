// How strong a recorded anchor is, told to the author before saving: unique or not, look-alikes,
// which properties carry it, and warnings on ids and classes that look generated.

import { describe, isGeneratedId, isStableClass, rank, resolve } from '../../../overlay-js/src/anchor/index.ts';
import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';

export interface AnchorStrength {
  /** The best recorded selector matches exactly one element. */
  unique: boolean;
  /** Other elements that resemble the picked one closely enough to be mistaken for it. */
  lookAlikes: number;
  /** The recorded properties that identify the element, strongest first. */
  carriedBy: string[];
  warnings: string[];
  /** Resolving the fingerprint now leads back to the picked element. */
  foundAgain: boolean;
  level: 'strong' | 'fair' | 'weak';
}

/** A look-alike scores this close to the fingerprint (the resolver accepts from about 0.6). */
const LOOK_ALIKE = 0.6;
const MAX_CANDIDATES = 400;

const CARRIERS: Array<[keyof NonNullable<Fingerprint['props']>, string]> = [
  ['testId', 'test id'], ['id', 'id'], ['name', 'name'], ['ariaLabel', 'aria-label'], ['label', 'label'],
  ['placeholder', 'placeholder'], ['title', 'title'], ['alt', 'alt'], ['href', 'link target'], ['text', 'text'],
  ['role', 'role'], ['classes', 'classes'],
];

export function anchorStrength(el: Element, fp: Fingerprint, root: Document | ShadowRoot = el.ownerDocument): AnchorStrength {
  const props = fp.props ?? {};
  const carriedBy = CARRIERS.filter(([key]) => {
    const value = props[key];
    return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
  }).map(([, label]) => label);

  const best = fp.selectors?.[0];
  const unique = best !== undefined && best.count === 1;

  const candidates = Array.from(root.querySelectorAll(el.tagName.toLowerCase()))
    .filter((other) => other !== el)
    .slice(0, MAX_CANDIDATES);
  const lookAlikes = rank(fp, candidates.map((other) => describe(other))).candidates.filter((r) => r.score >= LOOK_ALIKE).length;

  const warnings: string[] = [];
  const id = el.getAttribute('id');
  if (id && isGeneratedId(id)) warnings.push(`The id “${id}” looks generated, so it is not relied on.`);
  const generated = Array.from(el.classList).filter((cls) => !isStableClass(cls));
  if (generated.length > 0) warnings.push(`Classes that look generated are ignored: ${generated.slice(0, 4).join(' ')}.`);
  if (carriedBy.length === 0) warnings.push('Nothing stable names this element; pick one with a label or text.');

  let foundAgain = false;
  try {
    const found = resolve(fp, root instanceof Document ? root : el.ownerDocument);
    foundAgain = found.ok && found.element === el;
  } catch {
    foundAgain = false;
  }
  if (!foundAgain) warnings.push('Inflow may not find this element again reliably; a nearby element with a label or text is safer.');

  const level = !foundAgain || carriedBy.length === 0 ? 'weak' : unique && lookAlikes === 0 ? 'strong' : 'fair';
  return { unique, lookAlikes, carriedBy, warnings, foundAgain, level };
}

/** One line for the form: `Strong anchor: unique · no look-alikes · carried by test id, text`. */
export function strengthSummary(s: AnchorStrength): string {
  const level = s.level === 'strong' ? 'Strong' : s.level === 'fair' ? 'Fair' : 'Weak';
  const lookAlikes = s.lookAlikes === 0 ? 'no look-alikes' : `${s.lookAlikes} look-alike${s.lookAlikes === 1 ? '' : 's'}`;
  const carried = s.carriedBy.length > 0 ? `carried by ${s.carriedBy.join(', ')}` : 'carried by position only';
  return `${level} anchor: ${s.unique ? 'unique' : 'not unique'} · ${lookAlikes} · ${carried}`;
}
