// The one shadow root that holds everything Inflow draws on the host page.
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

/** Creates `<div id="inflow-overlay-root">` with an open shadow root and the overlay's stylesheet inside. */
export function createRoot(doc: Document = document, nonce?: string | null): OverlayRoot {
  doc.getElementById(HOST_ID)?.remove();
  const host = doc.createElement('div');
  host.id = HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  let adopted = false;
  if (canAdopt(doc)) {
    try {
      const win = doc.defaultView as Window & typeof globalThis;
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      adopted = true;
    } catch {
      adopted = false;
    }
  }
  if (!adopted) {
    const style = doc.createElement('style');
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = css;
    shadow.appendChild(style);
  }
  (doc.body ?? doc.documentElement).appendChild(host);
  return { host, shadow, destroy: () => host.remove() };
}
