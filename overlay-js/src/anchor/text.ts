// Text helpers: normalised visible text, labels and nearby text of an element.

export const TEXT_LIMIT = 80;

export function normalise(s: string | null | undefined, limit = TEXT_LIMIT): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > limit ? t.slice(0, limit).trimEnd() : t;
}

/** Lower-case word tokens. */
export function tokens(s: string | null | undefined): string[] {
  return (s ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Dice similarity of word tokens, 1 for equal normalised strings. */
export function similarity(a: string | null | undefined, b: string | null | undefined): number {
  const na = normalise(a).toLowerCase(), nb = normalise(b).toLowerCase();
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const ta = tokens(na), tb = tokens(nb);
  if (!ta.length || !tb.length) return 0;
  const pool = new Map<string, number>();
  for (const t of tb) pool.set(t, (pool.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = pool.get(t) ?? 0;
    if (n > 0) { common++; pool.set(t, n - 1); }
  }
  return (2 * common) / (ta.length + tb.length);
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);

/** Text of a node without script/style content and without the text inside `except`. */
export function textOf(node: Node, except?: Node): string {
  let out = '';
  const walk = (n: Node): void => {
    // Long subtrees (a whole table) say nothing more after the first few hundred characters.
    if (n === except || out.length > 800) return;
    if (n.nodeType === 3) { out += (n as Text).data; return; }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (SKIP_TEXT.has(el.tagName.toUpperCase())) return;
    if (el.tagName === 'INPUT' && /^(submit|button|reset)$/i.test(el.getAttribute('type') ?? '')) out += ' ' + (el.getAttribute('value') ?? '') + ' ';
    // What shows of a shadow host is its open shadow tree.
    for (let c = (el.shadowRoot ?? n).firstChild; c; c = c.nextSibling) walk(c);
    if (/^(P|DIV|LI|TD|TH|TR|BR|H[1-6])$/.test(el.tagName)) out += ' ';
  };
  walk(node);
  return normalise(out, 400);
}

const FORM_CONTROL = /^(INPUT|SELECT|TEXTAREA)$/;

function byId(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return typeof root.getElementById === 'function' ? root.getElementById(id) : null;
}

/** Own visible text: the value of button-like inputs, nothing for other form controls. */
export function ownText(el: Element): string {
  if (el.tagName === 'INPUT') {
    return /^(submit|button|reset)$/i.test(el.getAttribute('type') ?? '') ? normalise(el.getAttribute('value')) : '';
  }
  if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return '';
  return normalise(textOf(el));
}

/** Label text: aria-labelledby, `<label for>`, a wrapping label, aria-label, else nearby preceding text for form controls. */
export function labelOf(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x && x !== el);
    const t = normalise(parts.map((p) => textOf(p)).join(' '));
    if (t) return t;
  }
  const id = el.getAttribute('id');
  if (id && FORM_CONTROL.test(el.tagName)) {
    const root = el.getRootNode() as Document | ShadowRoot;
    for (const l of Array.from(root.querySelectorAll('label[for]'))) {
      if (l.getAttribute('for') === id) {
        const t = normalise(textOf(l));
        if (t) return t;
      }
    }
  }
  const wrapping = el.parentElement?.closest('label');
  if (wrapping) {
    const t = normalise(textOf(wrapping, el));
    if (t) return t;
  }
  const aria = normalise(el.getAttribute('aria-label'));
  if (aria) return aria;
  if (FORM_CONTROL.test(el.tagName)) return nearText(el, -1);
  return '';
}

/** The nearest non-empty text before (dir -1) or after (dir 1) the element, climbing at most 3 parents. */
export function nearText(el: Element, dir: -1 | 1, limit = 40): string {
  let node: Node | null = el;
  for (let level = 0; node && level < 4; level++) {
    for (let s = dir < 0 ? node.previousSibling : node.nextSibling; s; s = dir < 0 ? s.previousSibling : s.nextSibling) {
      if (s.nodeType === 1 && FORM_CONTROL.test((s as Element).tagName)) continue;
      const t = s.nodeType === 3 ? normalise((s as Text).data) : s.nodeType === 1 ? textOf(s) : '';
      if (t) return normalise(dir < 0 ? t.slice(-limit) : t, limit);
    }
    node = node.parentNode;
    if (node && node.nodeType === 11) node = (node as ShadowRoot).host ?? null;
    if (!node || node.nodeType !== 1 || /^(BODY|HTML|FORM)$/.test((node as Element).tagName)) break;
  }
  return '';
}
