import { describe, expect, it } from 'vitest';
import { uuid } from '../src/uuid';

describe('uuid', () => {
  it('makes version 7 UUIDs carrying the given millisecond', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
    const id = uuid(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('orders ids made later after ids made earlier, as text', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((t) => uuid(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuid(5))).size).toBe(1000);
  });
});
