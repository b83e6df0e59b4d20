// A plain Similo-style locator (after Nass et al., TOSEM 2023), written for the comparison: fourteen
// properties per element, fixed weights, and the best-scoring element is always taken.

export interface SimiloProps {
  tag: string;
  id: string;
  name: string;
  cls: string;
  href: string;
  alt: string;
  xpath: string;
  idxpath: string;
  isButton: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  neighbours: string;
}

const WEIGHTS = { tag: 1.5, cls: 0.5, name: 1.5, id: 1.5, href: 0.5, alt: 0.5, xpath: 0.5, idxpath: 0.5, isButton: 0.5, location: 0.5, area: 0.5, shape: 0.5, text: 1.5, neighbours: 1.5 };

function xpath(el: Element, useId: boolean): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (useId && e.id) return `//*[@id="${e.id}"]/` + parts.reverse().join('/');
    let n = 1;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === e.tagName) n++;
    parts.push(`${e.tagName.toLowerCase()}[${n}]`);
  }
  return '/' + parts.reverse().join('/');
}

function ownText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
}

/** Every element with a box, described once per page (the neighbour texts need all boxes). */
export function similoDescribeAll(doc: Document): { els: Element[]; props: SimiloProps[] } {
  const els = Array.from(doc.body.querySelectorAll('*')).filter((e) => e.tagName !== 'STYLE' && e.getClientRects().length > 0);
  const boxes = els.map((e) => e.getBoundingClientRect());
  const leafText = els.map((e) => (e.children.length === 0 ? ownText(e) : ''));
  const props = els.map((el, i): SimiloProps => {
    const b = boxes[i];
    const near: string[] = [];
    for (let j = 0; j < els.length && near.length < 10; j++) {
      if (j === i || !leafText[j]) continue;
      const o = boxes[j];
      if (Math.abs(o.x + o.width / 2 - (b.x + b.width / 2)) < 200 && Math.abs(o.y + o.height / 2 - (b.y + b.height / 2)) < 50) near.push(leafText[j]);
    }
    return {
      tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') ?? '', cls: el.getAttribute('class') ?? '',
      href: el.getAttribute('href') ?? '', alt: el.getAttribute('alt') ?? '', xpath: xpath(el, false), idxpath: xpath(el, true),
      isButton: /^(BUTTON|A)$/.test(el.tagName) || /^(submit|button)$/.test(el.getAttribute('type') ?? '') || el.getAttribute('role') === 'button',
      x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.width), h: Math.round(b.height), text: ownText(el), neighbours: near.join(' '),
    };
  });
  return { els, props };
}

function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return 1 - prev[b.length] / Math.max(a.length, b.length);
}

function wordSimilarity(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().split(/\s+/).filter(Boolean)), wb = new Set(b.toLowerCase().split(/\s+/).filter(Boolean));
  if (!wa.size && !wb.size) return 1;
  if (!wa.size || !wb.size) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

const eq = (a: string, b: string): number => (a === b ? 1 : 0);

export function similoScore(t: SimiloProps, c: SimiloProps): number {
  const ratio = (p: number, q: number): number => (p <= 0 || q <= 0 ? (p === q ? 1 : 0) : Math.min(p, q) / Math.max(p, q));
  const dist = Math.hypot(t.x - c.x, t.y - c.y);
  return WEIGHTS.tag * eq(t.tag, c.tag) + WEIGHTS.cls * eq(t.cls, c.cls) + WEIGHTS.name * eq(t.name, c.name) + WEIGHTS.id * eq(t.id, c.id)
    + WEIGHTS.href * eq(t.href, c.href) + WEIGHTS.alt * eq(t.alt, c.alt) + WEIGHTS.xpath * levenshteinSimilarity(t.xpath, c.xpath)
    + WEIGHTS.idxpath * levenshteinSimilarity(t.idxpath, c.idxpath) + WEIGHTS.isButton * (t.isButton === c.isButton ? 1 : 0)
    + WEIGHTS.location * Math.max(0, 1 - dist / 100) + WEIGHTS.area * ratio(t.w * t.h, c.w * c.h) + WEIGHTS.shape * ratio(t.w / Math.max(t.h, 1), c.w / Math.max(c.h, 1))
    + WEIGHTS.text * levenshteinSimilarity(t.text, c.text) + WEIGHTS.neighbours * wordSimilarity(t.neighbours, c.neighbours);
}

/** The best-scoring element of the page; null only when the page has no elements. */
export function similoLocate(target: SimiloProps, doc: Document): Element | null {
  const { els, props } = similoDescribeAll(doc);
  let best = -1, at = -1;
  props.forEach((p, i) => {
    const s = similoScore(target, p);
    if (s > best) { best = s; at = i; }
  });
  return at >= 0 ? els[at] : null;
}
