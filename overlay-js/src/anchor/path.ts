// The way from the document to an element inside open shadow roots and same-origin iframes, and back.
import { selectorsFor } from './selectors';
import type { PathStep } from './types';

/** At most this many trees (documents and shadow roots) are searched per resolve. */
const MAX_SCOPES = 64;

/** Steps from the outermost document to the element's own tree; empty when it lives in the document itself. */
export function pathOf(el: Element): PathStep[] {
  const steps: PathStep[] = [];
  for (let node: Element | null = el; node && steps.length < 8; ) {
    const root = node.getRootNode() as Document | ShadowRoot;
    const host = (root as ShadowRoot).host;
    let frame: Element | null = null;
    if (!host) {
      try {
        frame = (root as Document).defaultView?.frameElement ?? null;
      } catch {
        frame = null; // a cross-origin parent: the path starts here
      }
    }
    const next = host ?? frame;
    if (!next) break;
    steps.unshift({ kind: host ? 'shadow' : 'frame', tag: next.tagName.toLowerCase(), selectors: selectorsFor(next, 3) });
    node = next;
  }
  return steps;
}

/** The tree an element's host or frame opens, when it is open and same-origin. */
export function treeOf(el: Element): Document | ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
    try {
      return (el as HTMLIFrameElement).contentDocument;
    } catch {
      return null;
    }
  }
  return null;
}

function only(scope: ParentNode, css: string): Element | null {
  try {
    const found = scope.querySelectorAll(css);
    return found.length === 1 ? found[0] : null;
  } catch {
    return null;
  }
}

/** Follows recorded steps from `root`; null when a host is no longer uniquely found. */
export function enterPath(root: ParentNode, path: PathStep[]): ParentNode | null {
  let scope: ParentNode = root;
  for (const step of path) {
    const host = (step?.selectors ?? []).map((s) => only(scope, s?.css)).find((h) => h && treeOf(h));
    const tree = host ? treeOf(host) : null;
    if (!tree) return null;
    scope = tree;
  }
  return scope;
}

/** `root` and every open shadow root and same-origin iframe document below it, outermost first. */
export function scopesUnder(root: ParentNode): ParentNode[] {
  const scopes: ParentNode[] = [root];
  for (let i = 0; i < scopes.length && scopes.length < MAX_SCOPES; i++) {
    for (const el of Array.from(scopes[i].querySelectorAll('*'))) {
      const tree = treeOf(el);
      if (tree && scopes.length < MAX_SCOPES) scopes.push(tree);
    }
  }
  return scopes;
}
