// Builds the ranked CSS selectors of a fingerprint from stable attributes only.
import { isStableValue } from './generated';
import { stableClasses, stableId, TEST_ID_ATTRS } from './describe';
import type { RecordedSelector } from './types';

/** Escapes an identifier for CSS (CSS.escape where present). */
export function cssIdent(s: string): string {
  const g = globalThis as { CSS?: { escape?: (v: string) => string } };
  if (g.CSS?.escape) return g.CSS.escape(s);
  return s.replace(/^(-?)(\d)/, (_m, dash: string, d: string) => `${dash}\\3${d} `).replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (c) => '\\' + c);
}

/** A quoted CSS string. */
export function cssString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ') + '"';
}

interface Atom { css: string; tier: number }

/** Selector pieces that describe the element itself, most stable first (lower tier). */
function ownAtoms(el: Element): Atom[] {
  const tag = el.tagName.toLowerCase();
  const atoms: Atom[] = [];
  const attrAtom = (name: string, tier: number, withTag = true): void => {
    const v = el.getAttribute(name);
    if (v && isStableValue(v)) atoms.push({ css: `${withTag ? tag : ''}[${name}=${cssString(v)}]`, tier });
  };
  for (const a of TEST_ID_ATTRS) attrAtom(a, 0, false);
  const id = stableId(el);
  if (id) atoms.push({ css: '#' + cssIdent(id), tier: 1 });
  attrAtom('name', 2);
  attrAtom('formcontrolname', 2);
  attrAtom('aria-label', 2);
  // Role plus accessible name, without the tag: survives a link turning into a button.
  const role = el.getAttribute('role'), label = el.getAttribute('aria-label');
  if (role && label && isStableValue(label)) atoms.push({ css: `[role=${cssString(role)}][aria-label=${cssString(label)}]`, tier: 2 });
  attrAtom('placeholder', 3);
  if (tag === 'a') attrAtom('href', 3);
  const classes = stableClasses(el);
  for (const c of classes.slice(0, 3)) atoms.push({ css: `${tag}.${cssIdent(c)}`, tier: 4 });
  if (classes.length >= 2) atoms.push({ css: `${tag}.${cssIdent(classes[0])}.${cssIdent(classes[1])}`, tier: 4 });
  attrAtom('role', 4);
  if (tag === 'input' || tag === 'button') attrAtom('type', 4);
  atoms.push({ css: tag, tier: 5 });
  return atoms;
}

/** Selector pieces for an ancestor step (test id, stable id, role, a stable class). */
function ancestorAtoms(el: Element): string[] {
  const tag = el.tagName.toLowerCase();
  const out: string[] = [];
  for (const a of TEST_ID_ATTRS) {
    const v = el.getAttribute(a);
    if (v && isStableValue(v)) out.push(`[${a}=${cssString(v)}]`);
  }
  const id = stableId(el);
  if (id) out.push('#' + cssIdent(id));
  const role = el.getAttribute('role');
  if (role && isStableValue(role)) out.push(`${tag}[role=${cssString(role)}]`);
  const cls = stableClasses(el)[0];
  if (cls) out.push(`${tag}.${cssIdent(cls)}`);
  if (/^(form|nav|header|footer|main|aside|section|dialog|table|fieldset)$/.test(tag)) out.push(tag);
  return out;
}

function count(scope: ParentNode, css: string, el: Element): number {
  try {
    const found = scope.querySelectorAll(css);
    return Array.from(found).includes(el) ? found.length : 0;
  } catch {
    return 0;
  }
}

/** Ranked selectors: unique ones first (by stability tier, then length), with their match counts. */
export function selectorsFor(el: Element, limit = 5): RecordedSelector[] {
  const root = el.getRootNode() as Document | ShadowRoot;
  const scope: ParentNode = typeof (root as ParentNode).querySelectorAll === 'function' ? root : el.ownerDocument;
  const found: { css: string; count: number; rank: number }[] = [];
  const seen = new Set<string>();
  const add = (css: string, rank: number): number => {
    if (seen.has(css)) return -1;
    seen.add(css);
    const n = count(scope, css, el);
    if (n > 0) found.push({ css, count: n, rank });
    return n;
  };
  const atoms = ownAtoms(el);
  const ancestors: string[][] = [];
  for (let p = el.parentElement, i = 0; p && i < 5 && p.tagName !== 'BODY' && p.tagName !== 'HTML'; p = p.parentElement, i++) {
    ancestors.push(ancestorAtoms(p));
  }
  for (const atom of atoms) {
    if (add(atom.css, atom.tier * 10) === 1) continue;
    // One ancestor step, nearest ancestor with a stable handle first; a descendant combinator survives wrappers.
    let done = false;
    for (const list of ancestors) {
      for (const a of list) {
        if (add(`${a} ${atom.css}`, atom.tier * 10 + 5) === 1) { done = true; break; }
      }
      if (done) break;
    }
  }
  const unique = found.filter((f) => f.count === 1).sort((a, b) => a.rank - b.rank || a.css.length - b.css.length);
  const result = unique.slice(0, limit).map(({ css, count }) => ({ css, count }));
  if (result.length === 0) {
    const rest = found.filter((f) => f.count > 1).sort((a, b) => a.count - b.count || a.rank - b.rank);
    for (const f of rest.slice(0, 2)) result.push({ css: f.css, count: f.count });
  }
  return result;
}
