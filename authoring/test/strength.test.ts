import { describe, expect, it } from 'vitest';
import { record } from '../../overlay-js/src/anchor/index.ts';
import { anchorStrength, strengthSummary } from '../src/picker/strength.ts';

describe('anchor strength', () => {
  it('calls a labelled unique field strong and names what carries it', () => {
    document.body.innerHTML = `<form><label for="amount">Amount</label><input id="amount" name="amount" data-testid="opp-amount">
      <label for="note">Note</label><input id="note" name="note"></form>`;
    const el = document.getElementById('amount')!;
    const s = anchorStrength(el, record(el));
    expect(s.unique).toBe(true);
    expect(s.carriedBy).toEqual(expect.arrayContaining(['test id', 'name']));
    expect(s.warnings).toEqual([]);
    expect(strengthSummary(s)).toMatch(/^(Strong|Fair) anchor: unique/);
  });

  it('warns on generated ids and classes and counts look-alikes', () => {
    document.body.innerHTML = `<ul>${Array.from({ length: 4 }, () => '<li><button class="css-1x2y3z4 btn">Open</button></li>').join('')}</ul>`;
    const buttons = document.querySelectorAll('button');
    const el = buttons[2]!;
    el.id = 'ember1234';
    const s = anchorStrength(el, record(el));
    expect(s.lookAlikes).toBeGreaterThanOrEqual(1);
    expect(s.warnings.join(' ')).toContain('“ember1234” looks generated');
    expect(s.warnings.join(' ')).toContain('css-1x2y3z4');
    expect(s.level).not.toBe('strong');
  });
});
