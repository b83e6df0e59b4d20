// @vitest-environment node
// A fixed set of benchmark cases in real Chromium, with exact expectations for Inflow and both baselines.
// Chromium missing is a failure with a clear message, never a skip: these cases are the anchors' regression net.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness } from '../bench/anchors/browser.mjs';

type Outcome = 'correct' | 'wrong' | 'abstained';
type Row = [page: string, kind: string, seed: number, inflow: Outcome, finder: Outcome, similo: Outcome];

// Seeds index the corpus of `npm run bench:anchors`; "correct" for a deleted target means the locator abstained.
const CASES: Row[] = [
  ['crm', 'class_hash', 1, 'correct', 'correct', 'correct'],
  ['crm', 'sibling_remove', 25, 'correct', 'wrong', 'wrong'],
  // Was 'abstained' (the look-alike rows shared too much); the row's name ("Ada Lovelace", its first cell) now tells
  // them apart, and the harness judges by element identity, so 'correct' is the recorded element itself.
  ['crm', 'attr_drop', 43, 'correct', 'correct', 'correct'],
  ['crm', 'attr_drop', 44, 'correct', 'abstained', 'correct'],
  ['crm', 'shadow', 67, 'correct', 'abstained', 'wrong'],
  ['crm', 'deleted', 79, 'correct', 'wrong', 'wrong'],
  ['grid', 'wrapper', 91, 'correct', 'correct', 'correct'],
  ['grid', 'text_edit', 115, 'correct', 'correct', 'correct'],
  ['grid', 'tag_swap', 133, 'correct', 'wrong', 'wrong'],
  ['grid', 'shadow', 151, 'correct', 'abstained', 'wrong'],
  ['form', 'sibling_insert', 181, 'correct', 'correct', 'correct'],
  ['form', 'id_regen', 205, 'correct', 'correct', 'correct'],
  ['form', 'subtree_move', 223, 'correct', 'wrong', 'correct'],
  ['form', 'layout_shift', 241, 'correct', 'correct', 'correct'],
  ['dashboard', 'sibling_reorder', 271, 'correct', 'wrong', 'correct'],
  ['dashboard', 'decoys', 314, 'correct', 'correct', 'wrong'],
  ['dashboard', 'deleted', 331, 'correct', 'correct', 'wrong'],
];

describe('anchor benchmark cases in Chromium', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;
  beforeAll(async () => { harness = await openHarness(); }, 60_000);
  afterAll(async () => { await harness?.close(); });

  it('relocates, abstains and compares exactly as recorded', async () => {
    const cases = CASES.map(([page, kind, seed]) => ({ page, kind, seed }));
    const results = await harness.page.evaluate(
      (cs) => cs.map((c) => (globalThis as unknown as { inflowBench: { runCase(c: unknown): Record<string, unknown> } }).inflowBench.runCase(c)),
      cases,
    );
    const got = results.map((r) => [r.page, r.kind, r.seed, r.inflow, r.finder, r.similo]);
    expect(got).toEqual(CASES);
  }, 240_000);
});
