// Recognises attribute values that frameworks and build tools generate, which change between
// builds or page loads and so must never identify an element.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LONG_DIGITS = /\d{4,}/;

/** A segment with letters and digits mixed (a1b2c), or with many case switches (kXjRbT), looks like a hash. */
function hashLikeSegment(seg: string): boolean {
  if (/\d[a-z]/i.test(seg) && /[a-z]/i.test(seg.slice(0, -1))) return true; // a1b2c, 3xK9a (digits inside letters)
  if (seg.length >= 5 && /\d.*\d/.test(seg) && /[a-z]/i.test(seg)) return true; // ab12c3
  if (seg.length >= 5) {
    let switches = 0;
    for (let i = 1; i < seg.length; i++) {
      const a = seg[i - 1], b = seg[i];
      if (/[a-z]/.test(a) && /[A-Z]/.test(b)) switches++;
      else if (/[A-Z]/.test(a) && /[a-z]/.test(b) && i > 1) switches++;
    }
    if (switches >= 3) return true;
  }
  return false;
}

function commonlyGenerated(value: string): boolean {
  return value.length > 64 || UUID.test(value) || LONG_DIGITS.test(value) || /^\d/.test(value);
}

/** An id generated per build or per load: React `:r1:`, `ember123`, `mui-4`, UUIDs, long digit runs, trailing counters. */
export function isGeneratedId(id: string): boolean {
  if (!id.trim()) return true;
  if (commonlyGenerated(id)) return true;
  if (/^[:«].*[:»]$/.test(id) || id.includes(':')) return true; // React useId
  if (/^(ember|ext-gen|yui_|gwt-uid-|ng-|_ng|radix-|headlessui-|react-select-|mui-|rc_|rc-|downshift-|aria-)/i.test(id)) return true;
  if (/[-_.]\d+$/.test(id) || /[-_]\d+[-_]/.test(id)) return true; // input-12, downshift-0-menu
  if (/[a-z]\d{2,}$/i.test(id)) return true; // field12 (a single trailing digit like address2 stays)
  return id.split(/[-_.]/).some(hashLikeSegment);
}

const STATE_CLASS = /^(is-|has-|js-|ng-|ember-|svelte-|active$|selected$|focus|hover|open$|opened$|closed$|visible$|hidden$|show$|collapsed$|expanded$|disabled$|checked$|current$|loading$|dirty$|touched$|pristine$|valid$|invalid$)/i;

/** A class that is stable across builds and states (not css-1x2y, sc-, jsx-123, Button__hash, _a1b2c, is-active). */
export function isStableClass(cls: string): boolean {
  if (!cls || cls.length > 40) return false;
  if (commonlyGenerated(cls)) return false;
  if (/^(css|sc|jsx|emotion|styled|tw|svelte|astro|e)-/i.test(cls)) return false;
  if (/^_/.test(cls) || /___/.test(cls)) return false; // CSS modules (name__hash is caught by the segment check)
  if (STATE_CLASS.test(cls)) return false;
  if (!/^[a-z][a-z0-9_-]*$/i.test(cls)) return false;
  return !cls.split(/[-_]+/).some(hashLikeSegment);
}

/** Attribute values (names, labels, hrefs) are usable unless they carry per-load noise. */
export function isStableValue(value: string): boolean {
  return value.trim() !== '' && !UUID.test(value) && !LONG_DIGITS.test(value) && value.length <= 120;
}
