// Reads an element into a Description: plain data that the scoring compares.
import { isGeneratedId, isStableClass, isStableValue } from './generated';
import { labelOf, nearText, normalise, ownText, textOf, tokens } from './text';
import type { AncestorInfo, AnchorProps, Box, Description, Landmark, Row } from './types';

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

/** The parent element, crossing from a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
}

/** Ancestors nearest first, across shadow roots, without html and body. */
export function ancestorsOf(el: Element, depth: number): AncestorInfo[] {
  const out: AncestorInfo[] = [];
  for (let p = parentOf(el); p && out.length < depth; p = parentOf(p)) {
    if (p.tagName === 'BODY' || p.tagName === 'HTML') break;
    out.push(ancestorInfo(p));
  }
  return out;
}

const HEADING = 'h1,h2,h3,h4,h5,h6,[role="heading"],legend';
const SECTION = /^(ARTICLE|SECTION|ASIDE|NAV|MAIN|DIALOG|FIELDSET|FORM)$/;

/** The text of the last heading before the element in tree order; from a shadow root, the host's when it has none. */
export function headingOf(el: Element): string {
  // Walks backwards in tree order (earlier siblings, deepest last, then ancestors): the nearest heading is usually a
  // few steps away, so this costs far less than listing every heading of a large page.
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n !== el && n.matches(HEADING)) return normalise(textOf(n), 80);
    for (let s = n.previousElementSibling; s; s = s.previousElementSibling) {
      if (s.matches(HEADING)) return normalise(textOf(s), 80);
      const inside = s.querySelectorAll(HEADING);
      if (inside.length) return normalise(textOf(inside[inside.length - 1]), 80);
    }
    // Nothing before it in its section: the section's own heading, even when it comes later (a card footer moved up).
    const section = n.parentElement;
    const later = section && SECTION.test(section.tagName) ? section.querySelector(HEADING) : null;
    if (later && !el.contains(later)) return normalise(textOf(later), 80);
  }
  const host = (el.getRootNode() as ShadowRoot).host;
  return host ? headingOf(host) : '';
}

const LANDMARK_TAGS = /^(HEADER|NAV|MAIN|ASIDE|FOOTER|FORM|DIALOG|SECTION|TABLE|FIELDSET)$/;
const LANDMARK_ROLES = /^(banner|navigation|main|complementary|contentinfo|form|region|search|dialog|grid|table|tabpanel)$/;

/** The nearest ancestor that is a landmark (by tag or role). */
export function landmarkOf(el: Element): Element | null {
  for (let p = parentOf(el); p && p.tagName !== 'BODY'; p = parentOf(p)) {
    if (LANDMARK_TAGS.test(p.tagName) || LANDMARK_ROLES.test(p.getAttribute('role') ?? '')) return p;
  }
  return null;
}

function landmarkInfo(l: Element): Landmark {
  const heading = l.querySelector(HEADING);
  return {
    tag: l.tagName.toLowerCase(),
    role: l.getAttribute('role'),
    label: normalise(l.getAttribute('aria-label') ?? (heading ? textOf(heading) : ''), 60) || null,
  };
}

/** True when a sibling of `block` (same tag) holds a twin of `el` (same tag or both link/button, same text): `block` is one of a list of look-alikes. */
function inListOfLookAlikes(block: Element, el: Element, text: string): boolean {
  let seen = 0;
  for (let s = block.parentElement?.firstElementChild ?? null; s && seen < 20; s = s.nextElementSibling) {
    if (s === block || s.tagName !== block.tagName) continue;
    seen++;
    // A link and a button with the same text are twins: apps swap one for the other between releases.
    for (const twin of Array.from(s.querySelectorAll(/^(A|BUTTON)$/.test(el.tagName) ? 'a,button' : el.tagName))) if (ownText(twin) === text) return true;
  }
  return false;
}

/** The row, item or card that holds `el` in a list of look-alikes (the nearest such ancestor, at most 8 up), or null. */
export function lookAlikeBlock(el: Element): Element | null {
  const text = ownText(el);
  for (let c = parentOf(el), climbs = 0; c && climbs < 8 && c.tagName !== 'BODY'; c = parentOf(c), climbs++) {
    if (inListOfLookAlikes(c, el, text)) return c;
  }
  return null;
}

/**
 * What tells the element's row apart from its look-alikes: the row's first text outside the element's own cell (the
 * name cell of a table row, a card's title, a list item's leading text), and its position among same-tag siblings.
 */
export function rowOf(el: Element, block = lookAlikeBlock(el)): Row | null {
  if (!block) return null;
  let label = '';
  for (let n = block.firstChild; n && !label; n = n.nextSibling) if (!n.contains(el)) label = normalise(textOf(n), 60);
  let index = 0, count = 0;
  for (let s = block.parentElement?.firstElementChild ?? null; s; s = s.nextElementSibling) {
    if (s.tagName !== block.tagName) continue;
    if (s === block) index = count;
    count++;
  }
  return { label: label || null, index, count };
}

/** Distinct words of the text around the element (parent, then grandparent), without its own text. */
export function wordsNear(el: Element, limit = 12, block = lookAlikeBlock(el)): string[] {
  const own = new Set(tokens(ownText(el)));
  const out = new Set<string>();
  // Two levels of ancestors that add text of their own: a wrapper around the element alone does not count.
  let levels = 0;
  // A list of look-alikes (rows, items, cards) is where it stops: above it, every look-alike reads the same words.
  for (let c = el, p = parentOf(el), climbs = 0; p && levels < 2 && climbs < 8 && p.tagName !== 'BODY'; c = p, p = parentOf(p), climbs++) {
    if (c === block) break;
    const before = out.size;
    for (const w of tokens(textOf(p, el).slice(0, 300))) {
      if (!own.has(w) && !/^\d{5,}$/.test(w)) out.add(w);
      if (out.size >= limit) return Array.from(out);
    }
    if (out.size > before) levels++;
  }
  return Array.from(out);
}

function step(el: Element): string {
  const tag = el.tagName.toLowerCase();
  let n = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === el.tagName) n++;
  return `${tag}[${n}]`;
}

/** XPath within the element's tree; with `ids`, it starts at the nearest ancestor that has a stable id. */
export function xpathOf(el: Element, ids: boolean): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) {
    const id = ids ? stableId(e) : null;
    if (id) return `//*[@id="${id}"]` + (parts.length ? '/' + parts.reverse().join('/') : '');
    parts.push(step(e));
  }
  return '/' + parts.reverse().join('/');
}

const BUTTON_ROLES = /^(button|link|menuitem|tab|option|switch)$/;

export function actsAsButton(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'BUTTON' || tag === 'A' || el.hasAttribute('onclick')) return true;
  if (tag === 'INPUT' && /^(submit|button|reset|image)$/i.test(el.getAttribute('type') ?? '')) return true;
  return BUTTON_ROLES.test(el.getAttribute('role') ?? '');
}

/** The box relative to the page, or to the viewport with `dx = dy = 0`. */
export function boxOf(el: Element, dx?: number, dy?: number): Box | null {
  if (typeof el.getBoundingClientRect !== 'function') return null;
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument?.defaultView;
  return {
    x: Math.round(r.left + (dx ?? view?.scrollX ?? 0)),
    y: Math.round(r.top + (dy ?? view?.scrollY ?? 0)),
    w: Math.round(r.width),
    h: Math.round(r.height),
  };
}

export interface DescribeOptions {
  /** How many ancestors to read (3 when recording, more when resolving so inserted wrappers are tolerated). */
  depth?: number;
  /** The element's own properties only (no neighbourhood, geometry or paths): the resolver's cheap first pass. */
  light?: boolean;
  /** Compute the XPaths (on by default; the resolver does not score them, and long sibling lists make them costly). */
  xpath?: boolean;
}

/** The element's own properties only: the resolver's cheap first pass (describe with `light`). */
export function describeLight(el: Element): Description {
  const props: AnchorProps = {
    id: stableId(el),
    // Angular's reactive forms bind by formcontrolname, which is as stable as a name.
    name: attr(el, 'name') ?? attr(el, 'formcontrolname'),
    type: el.tagName === 'INPUT' ? (el.getAttribute('type') ?? 'text').toLowerCase() : attr(el, 'type'),
    value: /^(radio|checkbox)$/i.test(el.getAttribute('type') ?? '') ? attr(el, 'value') : null,
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
  props.accName = props.label || props.ariaLabel || props.text || props.title || props.alt || props.placeholder || null;
  return { tag: el.tagName.toLowerCase(), props, context: {}, box: null };
}

/** A pure-data description of one element. */
export function describe(el: Element, options: DescribeOptions = {}): Description {
  const { props } = describeLight(el);
  if (options.light) return { tag: el.tagName.toLowerCase(), props, context: {}, box: null };
  const landmark = landmarkOf(el);
  const block = lookAlikeBlock(el);
  const box = boxOf(el);
  const lbox = landmark ? boxOf(landmark) : null;
  return {
    tag: el.tagName.toLowerCase(),
    props,
    context: {
      ancestors: ancestorsOf(el, options.depth ?? 3),
      prevText: nearText(el, -1),
      nextText: nearText(el, 1),
      heading: headingOf(el),
      words: wordsNear(el, 12, block),
      row: rowOf(el, block),
      landmark: landmark ? landmarkInfo(landmark) : null,
    },
    box,
    geometry: {
      view: boxOf(el, 0, 0),
      inLandmark: box && lbox ? { x: box.x - lbox.x, y: box.y - lbox.y, w: box.w, h: box.h } : null,
    },
    xpath: options.xpath === false ? undefined : xpathOf(el, false),
    xpathIds: options.xpath === false ? undefined : xpathOf(el, true),
    isButton: actsAsButton(el),
  };
}
