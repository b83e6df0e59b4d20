// @vitest-environment node
// The pure ranking, one test per signal that tells look-alikes apart; each case is decided differently without it.
import { describe as group, expect, it } from 'vitest';
import { rank } from '../src/anchor/index';
import type { Description, Fingerprint, Row } from '../src/anchor/index';

/** A button in a row of a list of look-alikes, described as `describe` would. */
function button(text: string, row: Row | null, extra: Partial<Description['props']> = {}): Description {
  return {
    tag: 'button',
    props: { text, accName: text, classes: ['row-action'], ...extra },
    context: { heading: 'Accounts', prevText: 'x', nextText: 'y', words: ['edit', 'delete'], row },
    box: null,
  };
}

const recorded = (d: Description): Fingerprint => ({ v: 1, tag: d.tag, props: d.props, context: d.context, box: d.box });

group('rank: what tells look-alikes apart', () => {
  it("takes the row whose name (its first cell) matches, among rows alike in everything else", () => {
    const fp = recorded(button('Edit', { label: 'Globex', index: 1, count: 3 }));
    const rows = [button('Edit', { label: 'Initech', index: 0, count: 3 }), button('Edit', { label: 'Globex', index: 2, count: 3 }), button('Edit', { label: 'Acme', index: 1, count: 3 })];
    expect(rank(fp, rows).decision).toMatchObject({ ok: true, index: 1 });
  });

  it('weighs the rare words of a row name: "Acme deal 3" is not "Acme deal 4"', () => {
    const fp = recorded(button('Edit', { label: 'Acme Corp deal 3' }));
    const rows = [1, 2, 3, 4, 5].map((n) => button('Edit', { label: `Acme Corp deal ${n}` }));
    const { candidates, decision } = rank(fp, rows);
    expect(decision).toMatchObject({ ok: true, index: 2 });
    // Plain word overlap would put "deal 4" within 0.05 of the winner; by rarity it is far behind.
    expect(candidates[0].score - candidates[1].score).toBeGreaterThan(0.1);
  });

  it('uses the position among look-alikes when rows have no name', () => {
    const fp = recorded(button('Delete', { label: null, index: 1, count: 3 }));
    const rows = [0, 1, 2].map((i) => button('Delete', { label: null, index: i, count: 3 }));
    expect(rank(fp, rows).candidates[0].index).toBe(1);
  });

  it('does not take the "Share" beside a deleted "Refresh" while other cards still read "Refresh"', () => {
    const card = (text: string, title: string, index: number, next: string, words: string[]): Description => ({
      tag: 'button', props: { text, accName: text, classes: ['btn'] }, box: { x: 70 + (text === 'Share' ? 60 : 0), y: 111 + 150 * index, w: 60, h: 21 },
      context: { heading: title, prevText: 'Details', nextText: next, words, row: { label: title, index, count: 8 } },
    });
    const fp = recorded(card('Refresh', 'Revenue', 0, 'Share', ['details', 'share', 'revenue', '181k', 'this', 'quarter']));
    const left = [
      card('Share', 'Revenue', 0, 'New leads', ['details', 'revenue', '181k', 'this', 'quarter']),
      card('Refresh', 'Churn', 5, 'Share', ['details', 'share', 'churn', '3']),
    ];
    expect(rank(fp, left).decision.ok).toBe(false);
  });

  it('still follows a text renamed everywhere (no candidate reads as recorded any more)', () => {
    const fp = recorded(button('Refresh', { label: 'Revenue' }));
    const cards = [button('Reload', { label: 'Churn' }), button('Reload', { label: 'Revenue' }), button('Reload', { label: 'Pipeline' })];
    expect(rank(fp, cards).decision).toMatchObject({ ok: true, index: 1 });
  });

  it('counts a dropped attribute half as much as one that now reads differently', () => {
    // The only select on a form lost its aria-label and name in a refactor; its place and neighbours are unchanged.
    const d: Description = {
      tag: 'select', props: { name: 'country', ariaLabel: 'Country', label: 'Country', accName: 'Country' },
      context: {
        heading: 'Billing address', prevText: 'Postal code', nextText: 'Shipping address Street City Postal code',
        words: ['billing', 'address', 'street', 'city', 'postal', 'code'], landmark: { tag: 'fieldset', label: 'Billing address' },
        ancestors: [{ tag: 'fieldset' }, { tag: 'form' }],
      },
      box: { x: 700, y: 30, w: 80, h: 20 },
    };
    // Without its aria-label, its label falls back to the nearest text before it.
    const now: Description = { ...d, props: { name: null, ariaLabel: null, label: 'Postal code', accName: 'Postal code' } };
    expect(rank(recorded(d), [now]).decision).toMatchObject({ ok: true, index: 0 });
    // The same select with another name is another field.
    const other: Description = { ...d, props: { name: 'region', ariaLabel: 'Region', label: 'Region', accName: 'Region' } };
    expect(rank(recorded(d), [other]).decision.ok).toBe(false);
  });

  it("tells radio buttons of one group apart by their value", () => {
    const radio = (value: string, label: string): Description => ({
      tag: 'input', props: { name: 'contact', type: 'radio', value, label, accName: label }, context: { heading: 'Preferences' }, box: null,
    });
    const fp = recorded(radio('email', 'By email'));
    expect(rank(fp, [radio('phone', 'By phone')]).decision.ok).toBe(false);
    expect(rank(fp, [radio('phone', 'By phone'), radio('email', 'By e-mail')]).decision).toMatchObject({ ok: true, index: 1 });
  });
});
