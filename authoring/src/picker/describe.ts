// A short human label for an element: its tag and an approximation of its accessible name.

const MAX_NAME = 48;

export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return clip(aria);
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (text.trim()) return clip(text);
  }
  if (el.id) {
    const label = doc.querySelector(`label[for="${cssEscape(el.id)}"]`);
    if (label?.textContent?.trim()) return clip(label.textContent);
  }
  const wrapping = el.closest('label');
  if (wrapping && wrapping !== el && wrapping.textContent?.trim()) return clip(wrapping.textContent);
  for (const attribute of ['alt', 'title', 'placeholder']) {
    const value = el.getAttribute(attribute);
    if (value?.trim()) return clip(value);
  }
  if (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'button') && el.value) {
    return clip(el.value);
  }
  return clip(el.textContent ?? '');
}

/** `button “Save”`, `input “Amount”`, or just `div`. */
export function describeElement(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const name = accessibleName(el);
  return name ? `${tag} “${name}”` : tag;
}

function clip(text: string): string {
  const normalised = text.replace(/\s+/g, ' ').trim();
  return normalised.length > MAX_NAME ? `${normalised.slice(0, MAX_NAME - 1)}…` : normalised;
}

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function'
    ? CSS.escape(value)
    : value.replace(/["\\]/g, '\\$&');
}
