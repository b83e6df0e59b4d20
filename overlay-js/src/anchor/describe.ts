// Reads an element into a Description: plain data that the scoring compares.
import { isGeneratedId, isStableClass, isStableValue } from './generated';
import { labelOf, nearText, normalise, ownText, textOf } from './text';
import type { AncestorInfo, AnchorProps, Box, Description } from './types';

export const TEST_ID_ATTRS = ['data-testid', 'data-test-id', 'data-test', 'data-cy', 'data-qa'];

export function testIdOf(el: Element): string | null {
  for (const a of TEST_ID_ATTRS) {
    const v = el.getAttribute(a);
    if (v && isStableValue(v)) return v;
  }
  return null;
}

export function stableId(el: Element): string | null {
  const id = el.getAttribute('id');
  return id && !isGeneratedId(id) ? id : null;
}

export function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter(isStableClass).slice(0, 8);
}

function attr(el: Element, name: string, limit = 80): string | null {
  const v = el.getAttribute(name);
  return v == null || !v.trim() ? null : normalise(v, limit);
}

/** The href reduced to its path (with the origin when it points elsewhere); no query, no fragment. */
export function hrefPath(el: Element): string | null {
  const raw = el.getAttribute('href');
  if (!raw || /^(javascript|mailto|tel):/i.test(raw.trim())) return raw ? normalise(raw, 80) : null;
  try {
    const base = el.ownerDocument?.baseURI ?? undefined;
    const u = new URL(raw, base);
    const here = base ? new URL(base).origin : '';
    if (raw.trim().startsWith('#')) return raw.trim();
    return (u.origin === here ? '' : u.origin) + u.pathname;
  } catch {
    return normalise(raw, 80);
  }
}

function ancestorInfo(el: Element): AncestorInfo {
  return {
    tag: el.tagName.toLowerCase(),
    id: stableId(el),
    testId: testIdOf(el),
    role: el.getAttribute('role'),
    classes: stableClasses(el).slice(0, 4),
  };
}

/** Ancestors nearest first, without html and body. */
export function ancestorsOf(el: Element, depth: number): AncestorInfo[] {
  const out: AncestorInfo[] = [];
  for (let p = el.parentElement; p && out.length < depth; p = p.parentElement) {
    if (p.tagName === 'BODY' || p.tagName === 'HTML') break;
    out.push(ancestorInfo(p));
  }
  return out;
}

const HEADING = 'h1,h2,h3,h4,h5,h6,[role="heading"],legend';

/** The text of the last heading before the element in document order. */
export function headingOf(el: Element, headings?: Element[]): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const list = headings ?? Array.from(root.querySelectorAll?.(HEADING) ?? []);
  let found: Element | null = null;
  for (const h of list) {
    if (h === el || h.contains(el)) { found = h; continue; }
    // DOCUMENT_POSITION_FOLLOWING (4): el follows h.
    if (h.compareDocumentPosition(el) & 4) found = h; else break;
  }
  return found ? normalise(textOf(found), 80) : '';
}

export function headingsIn(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(HEADING));
}

export function boxOf(el: Element): Box | null {
  if (typeof el.getBoundingClientRect !== 'function') return null;
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument?.defaultView;
  return {
    x: Math.round(r.left + (view?.scrollX ?? 0)),
    y: Math.round(r.top + (view?.scrollY ?? 0)),
    w: Math.round(r.width),
    h: Math.round(r.height),
  };
}

export interface DescribeOptions {
  /** How many ancestors to read (3 when recording, more when resolving so inserted wrappers are tolerated). */
  depth?: number;
  /** Headings of the document, read once per resolve. */
  headings?: Element[];
}

/** A pure-data description of one element. */
export function describe(el: Element, options: DescribeOptions = {}): Description {
  const props: AnchorProps = {
    id: stableId(el),
    name: attr(el, 'name'),
    type: el.tagName === 'INPUT' ? (el.getAttribute('type') ?? 'text').toLowerCase() : attr(el, 'type'),
    role: attr(el, 'role'),
    ariaLabel: attr(el, 'aria-label'),
    placeholder: attr(el, 'placeholder'),
    title: attr(el, 'title'),
    alt: attr(el, 'alt'),
    href: el.hasAttribute('href') ? hrefPath(el) : null,
    testId: testIdOf(el),
    text: ownText(el),
    label: labelOf(el),
    classes: stableClasses(el),
  };
  return {
    tag: el.tagName.toLowerCase(),
    props,
    context: {
      ancestors: ancestorsOf(el, options.depth ?? 3),
      prevText: nearText(el, -1),
      nextText: nearText(el, 1),
      heading: headingOf(el, options.headings),
    },
    box: boxOf(el),
  };
}
