// Builds the live preview from the server's body tree: DOM nodes only, never parsed HTML.

/** A body node as `POST /api/v1/render` and delivery send it: text, or `[tag, {attributes}, ...children]`. */
export type BodyNode = string | [string, Record<string, unknown>, ...BodyNode[]];

const ALLOWED: Record<string, readonly string[]> = {
  p: [], br: [], strong: [], em: [], code: [], pre: [], ul: [], ol: [], li: [],
  a: ['href', 'title'], blockquote: [], h3: [], h4: [], h5: [], h6: [], hr: [],
  img: ['src', 'alt', 'title'],
};
const URL_ATTRIBUTES = new Set(['href', 'src']);
const MAX_DEPTH = 32;

/** http(s) or relative URLs only; anything with another scheme (javascript:, data:, …) is dropped. */
export function isSafeUrl(value: string): boolean {
  // browsers ignore control characters and spaces inside a scheme (`java\tscript:`), so do the same before looking
  const compact = value.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return scheme === null || /^https?$/i.test(scheme[1] ?? '');
}

/** Appends the nodes of `tree` to a fragment; unknown tags keep their text, unknown attributes are dropped. */
export function buildBody(tree: unknown, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  if (Array.isArray(tree)) for (const node of tree) appendNode(fragment, node, doc, 0);
  return fragment;
}

function appendNode(parent: Node, node: unknown, doc: Document, depth: number): void {
  if (typeof node === 'string') {
    parent.appendChild(doc.createTextNode(node));
    return;
  }
  if (!Array.isArray(node) || typeof node[0] !== 'string' || depth > MAX_DEPTH) return;
  const [tag, attributes, ...children] = node as [string, unknown, ...unknown[]];
  const allowed = Object.prototype.hasOwnProperty.call(ALLOWED, tag) ? ALLOWED[tag] : undefined;
  if (allowed === undefined) {
    // not an allowed element: keep what it says, not what it is
    for (const child of children) appendNode(parent, child, doc, depth + 1);
    return;
  }
  const element = doc.createElement(tag);
  if (typeof attributes === 'object' && attributes !== null) {
    for (const name of allowed) {
      const value = (attributes as Record<string, unknown>)[name];
      if (typeof value !== 'string') continue;
      if (URL_ATTRIBUTES.has(name) && !isSafeUrl(value)) continue;
      element.setAttribute(name, value);
    }
  }
  if (tag === 'a') {
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
  }
  for (const child of children) appendNode(element, child, doc, depth + 1);
  parent.appendChild(element);
}
