import { describe, expect, it } from 'vitest';
import { isIdSegment, suggestPageRule } from '../src/picker/pageRule.ts';

describe('suggestPageRule', () => {
  it('turns a numeric record id into :id', () => {
    expect(suggestPageRule('/demo/opportunities/42')).toBe('/demo/opportunities/:id');
  });

  it('turns UUIDs and long hex ids into :id and numbers the second one', () => {
    expect(suggestPageRule('/accounts/3f2b8c1e-9a4d-4e7f-8b21-0c5d6e7f8a9b/invoices/5f1d0c2e9a7b4c3d'))
      .toBe('/accounts/:id/invoices/:id2');
  });

  it('treats opaque prefixed ids as ids', () => {
    expect(suggestPageRule('/customers/cus_9fj3Kd02LmQa/edit')).toBe('/customers/:id/edit');
  });

  it('keeps plain words, including short words with digits and trailing slashes', () => {
    expect(suggestPageRule('/settings/billing/v2/')).toBe('/settings/billing/v2/');
    expect(suggestPageRule('/reports/quarterly')).toBe('/reports/quarterly');
  });

  it('keeps the root path', () => {
    expect(suggestPageRule('/')).toBe('/');
    expect(suggestPageRule('')).toBe('/');
  });

  it('escapes URLPattern syntax in literal segments so they stay literal', () => {
    expect(suggestPageRule('/files/a:b/(draft)')).toBe('/files/a\\:b/\\(draft\\)');
  });
});

describe('isIdSegment', () => {
  it('recognises ids but not words that merely contain letters and digits', () => {
    expect(isIdSegment('42')).toBe(true);
    expect(isIdSegment('DEADBEEF0000CAFE')).toBe(true);
    expect(isIdSegment('opportunities')).toBe(false);
    expect(isIdSegment('abcdefabcdefab')).toBe(true); // 14 hex letters: a hex id
    expect(isIdSegment('dashboard')).toBe(false);
  });
});
