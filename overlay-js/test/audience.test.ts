import { describe, expect, it } from 'vitest';
import { inAudience } from '../src/audience';

const traits = { role: 'sales', roles: ['sales', 'lead'], seats: 12, plan: 'pro', since: '2026-01-10T00:00:00Z', beta: '' };

describe('audience', () => {
  it('takes everyone when there are no conditions', () => {
    expect(inAudience([], {})).toBe(true);
    expect(inAudience(undefined, traits)).toBe(true);
  });

  it('compares equals, not and in as text, any value of a list trait matching', () => {
    expect(inAudience([{ trait: 'role', op: 'equals', value: 'sales' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'role', op: 'equals', value: 'admin' }], traits)).toBe(false);
    expect(inAudience([{ trait: 'seats', op: 'equals', value: '12' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'role', op: 'not', value: 'admin' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'missing', op: 'not', value: 'admin' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'roles', op: 'in', value: ['lead', 'x'] }], traits)).toBe(true);
    expect(inAudience([{ trait: 'roles', op: 'not', value: 'lead' }], traits)).toBe(false);
    expect(inAudience([{ trait: 'plan', op: 'in', value: ['free'] }], traits)).toBe(false);
  });

  it('treats absent and empty traits as not existing', () => {
    expect(inAudience([{ trait: 'plan', op: 'exists' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'beta', op: 'exists' }], traits)).toBe(false);
    expect(inAudience([{ trait: 'nope', op: 'exists', value: false }], traits)).toBe(true);
    expect(inAudience([{ trait: 'toString', op: 'exists' }], traits)).toBe(false);
  });

  it('compares numbers and times, and never matches what is not a number', () => {
    expect(inAudience([{ trait: 'seats', op: 'gt', value: 10 }, { trait: 'seats', op: 'lte', value: 12 }], traits)).toBe(true);
    expect(inAudience([{ trait: 'seats', op: 'lt', value: 12 }], traits)).toBe(false);
    expect(inAudience([{ trait: 'since', op: 'gte', value: '2026-01-01T00:00:00Z' }], traits)).toBe(true);
    expect(inAudience([{ trait: 'plan', op: 'gt', value: 1 }], traits)).toBe(false);
    expect(inAudience([{ trait: 'missing', op: 'lt', value: 1 }], traits)).toBe(false);
  });

  it('needs every condition and fails closed on an unknown operator', () => {
    expect(inAudience([{ trait: 'role', op: 'equals', value: 'sales' }, { trait: 'seats', op: 'gt', value: 100 }], traits)).toBe(false);
    expect(inAudience([{ trait: 'role', op: 'matches', value: '.*' }], traits)).toBe(false);
  });
});
