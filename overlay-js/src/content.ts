// Builds tip content from the server's node tree with createElement/textContent and an allow-list of its own.
// The server already sanitises; this is the second, independent fence. Never innerHTML.

/** A node: text, or [tag, attributes, ...children]. */
export type ContentNode = string | [string, Record<string, unknown>?, ...ContentNode[]];

const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'hr', 'img']);
/** Dropped with everything inside them. Other unknown tags are unwrapped: their children are kept. */
const DROPPED = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'svg', 'math', 'object', 'embed', 'template', 'noscript', 'head', 'title', 'link', 'meta', 'base', 'textarea', 'select', 'option']);
const ATTRS: Record<string, string[]> = { a: ['href', 'title'], img: ['src', 'alt', 'title'] };
const URL_ATTRS = new Set(['href', 'src']);
const MAX_DEPTH = 32;

/** An http(s) URL or a relative one; anything with another scheme (javascript:, data:, vbscript:) is refused. */
export function safeUrl(value: string, base?: string): string | null {
  // Browsers ignore tabs, newlines and leading control characters in URLs, so compare without them.
  const cleaned = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (!cleaned) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (scheme && !/^https?$/i.test(scheme[1])) return null;
  try {
    const u = new URL(value.trim(), base ?? (typeof location !== 'undefined' ? location.href : 'http://localhost/'));
    return u.protocol === 'http:' || u.protocol === 'https:' ? value.trim() : null;
  } catch {
    return null;
  }
}

function append(parent: Node, node: unknown, doc: Document, depth: number): void {
  if (typeof node === 'string') {
    parent.appendChild(doc.createTextNode(node));
    return;
  }
  if (!Array.isArray(node) || typeof node[0] !== 'string' || depth > MAX_DEPTH) return;
  const tag = node[0].toLowerCase();
  const hasAttrs = node[1] && typeof node[1] === 'object' && !Array.isArray(node[1]);
  const attrs = hasAttrs ? (node[1] as Record<string, unknown>) : {};
  const children = node.slice(hasAttrs ? 2 : 1);
  if (DROPPED.has(tag)) return;
  if (!ALLOWED.has(tag)) {
    for (const c of children) append(parent, c, doc, depth + 1);
    return;
  }
  const el = doc.createElement(tag);
  for (const name of ATTRS[tag] ?? []) {
    const raw = attrs[name];
    if (typeof raw !== 'string') continue;
    const value = URL_ATTRS.has(name) ? safeUrl(raw) : raw;
    if (value != null) el.setAttribute(name, value);
  }
  if (tag === 'a') {
    el.setAttribute('target', '_blank');
    el.setAttribute('rel', 'noopener noreferrer');
  }
  if (tag === 'img') {
    if (!el.hasAttribute('src')) return;
    el.setAttribute('loading', 'lazy');
  }
  if (tag !== 'img' && tag !== 'br' && tag !== 'hr') {
    for (const c of children) append(el, c, doc, depth + 1);
  }
  parent.appendChild(el);
}

/** A fragment holding the content of a tip body (a list of nodes); anything malformed is skipped. */
export function buildContent(nodes: unknown, doc: Document = document): DocumentFragment {
  const frag = doc.createDocumentFragment();
  const list: unknown[] = Array.isArray(nodes) ? nodes : typeof nodes === 'string' ? [nodes] : [];
  for (const n of list) append(frag, n, doc, 0);
  return frag;
}
