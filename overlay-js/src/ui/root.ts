// The one shadow root that holds everything Inflow draws on the host page.
import { whenLoaded } from '../lazy';
import css from './overlay.css';

export const HOST_ID = 'inflow-overlay-root';

export interface OverlayRoot {
  host: HTMLElement;
  shadow: ShadowRoot;
  destroy(): void;
}

function canAdopt(doc: Document): boolean {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  return !!win && 'adoptedStyleSheets' in doc && typeof win.CSSStyleSheet === 'function' && 'replaceSync' in win.CSSStyleSheet.prototype;
}

/** Adds a stylesheet to the shadow root: adopted when the browser can, else a <style> with the nonce. */
function addStyle(doc: Document, shadow: ShadowRoot, text: string, nonce?: string | null): void {
  if (canAdopt(doc)) {
    try {
      const win = doc.defaultView as Window & typeof globalThis;
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(text);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      return;
    } catch {
      // fall back to a <style>
    }
  }
  const style = doc.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = text;
  shadow.appendChild(style);
}

/** Creates `<div id="inflow-overlay-root">` with an open shadow root and the overlay's stylesheet inside. */
export function createRoot(doc: Document = document, nonce?: string | null): OverlayRoot {
  doc.getElementById(HOST_ID)?.remove();
  const host = doc.createElement('div');
  host.id = HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  addStyle(doc, shadow, css, nonce);
  // the extra bundle's rules (checks, the launcher's panel) join once it is there
  whenLoaded((m) => addStyle(doc, shadow, m.css, nonce));
  (doc.body ?? doc.documentElement).appendChild(host);
  return { host, shadow, destroy: () => host.remove() };
}
