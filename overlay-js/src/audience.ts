// Audience rules, applied in the browser to the traits the host passes to `Inflow.identify`:
// the traits never travel to the server, and one delivery answer (and its ETag) serves everyone.

export interface Condition {
  trait: string;
  op: string;
  value?: unknown;
}

export type Traits = Record<string, unknown>;

/** Numbers compare as numbers, other text as a time (ISO-8601); NaN makes every comparison false. */
const num = (v: unknown): number => (typeof v == 'string' && isNaN(+v) ? Date.parse(v) : Number(v));

function holds(c: Condition, traits: Traits): boolean {
  const raw = Object.hasOwn(traits, c.trait) ? traits[c.trait] : undefined;
  // A list trait (roles: ['sales', 'lead']) matches when any of its values does.
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v != null && v !== '');
  const has = values.length > 0;
  const is = (want: unknown): boolean => values.some((v) => String(v) === String(want));
  const cmp = (test: (a: number, b: number) => boolean): boolean => values.some((v) => test(num(v), num(c.value)));
  switch (c.op) {
    case 'exists': return c.value === false ? !has : has;
    case 'equals': return is(c.value);
    case 'not': return !is(c.value);
    case 'in': return Array.isArray(c.value) && c.value.some(is);
    case 'gt': return cmp((a, b) => a > b);
    case 'gte': return cmp((a, b) => a >= b);
    case 'lt': return cmp((a, b) => a < b);
    case 'lte': return cmp((a, b) => a <= b);
    default: return false; // a rule this overlay does not know hides the tip rather than showing it to everyone
  }
}

/** Whether a learner with these traits belongs to the audience (every condition holds; none means everyone). */
export function inAudience(audience: Condition[] | undefined, traits: Traits): boolean {
  return (audience ?? []).every((c) => holds(c, traits));
}
