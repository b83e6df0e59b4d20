// Whether an element can carry a tip.

/**
 * Visible means: connected, no `display: none` / `visibility: hidden` on it or an ancestor, and,
 * when the engine reports layout boxes, at least one box with a non-zero area. An engine that
 * reports no boxes at all (jsdom, which has no layout) is trusted on the style checks alone.
 */
export function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') {
    if (!check.call(el, { visibilityProperty: true })) return false;
  } else {
    const view = el.ownerDocument?.defaultView;
    if (view) {
      for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
        const style = view.getComputedStyle(n);
        if (style.display === 'none') return false;
        if (n === el && (style.visibility === 'hidden' || style.visibility === 'collapse')) return false;
      }
    }
  }
  const rects = typeof el.getClientRects === 'function' ? el.getClientRects() : null;
  if (!rects || rects.length === 0) return true;
  return Array.from(rects).some((r) => r.width > 0 && r.height > 0);
}
