// Suggests a page rule for the page the author is on: ids in the path become `:id`.

const NUMBER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{12,}$/i;
// Opaque ids such as `tip_01HZX3K9Q7M2` or `cus_9fj3Kd02LmQa`: long, mixed letters and digits, no vowels-only words.
const OPAQUE = /^(?:[a-z]{1,8}[_-])?(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{10,}$/i;

/** True when a path segment looks like a record id rather than a word. */
export function isIdSegment(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep the raw segment
  }
  return NUMBER.test(decoded) || UUID.test(decoded) || HEX.test(decoded) || OPAQUE.test(decoded);
}

/** `/demo/opportunities/42` → `/demo/opportunities/:id`; several ids get `:id`, `:id2`, … */
export function suggestPageRule(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  let ids = 0;
  const segments = path.split('/').map((segment, index) => {
    if (index === 0 || segment === '') return segment;
    if (!isIdSegment(segment)) return escapePatternText(segment);
    ids += 1;
    return ids === 1 ? ':id' : `:id${ids}`;
  });
  return segments.join('/') || '/';
}

/** Characters with a meaning in URLPattern syntax are escaped so a literal segment stays literal. */
function escapePatternText(segment: string): string {
  return segment.replace(/[\\:*(){}+?]/g, (c) => `\\${c}`);
}
