// The anchor benchmark: `npm run bench:anchors`. Prints correct / wrong element / abstained per mutation kind and
// overall, for Inflow and the two baselines, then the median resolve time on a large page beside querySelector.
import { openHarness } from './browser.mjs';

const PER_CELL = Number(process.env.BENCH_PER_CELL || 6);
const { page, close } = await openHarness();
try {
  const cases = await page.evaluate((n) => globalThis.inflowBench.corpus(n), PER_CELL);
  const results = [];
  for (let i = 0; i < cases.length; i += 24) {
    results.push(...(await page.evaluate((batch) => batch.map((c) => globalThis.inflowBench.runCase(c)), cases.slice(i, i + 24))));
    process.stderr.write(`\r${results.length}/${cases.length} cases`);
  }
  process.stderr.write('\n');
  const kinds = [...new Set(results.map((r) => r.kind))];
  const LOCATORS = ['inflow', 'finder', 'similo'];
  const cell = (rows, who) => {
    const c = (o) => rows.filter((r) => r[who] === o).length;
    return `${String(c('correct')).padStart(4)} ${String(c('wrong')).padStart(3)} ${String(c('abstained')).padStart(3)}`;
  };
  const pct = (rows, who, o) => ((100 * rows.filter((r) => r[who] === o).length) / rows.length).toFixed(1) + '%';
  console.log(`Anchor benchmark: ${results.length} cases, ${kinds.length} mutation kinds, 4 base pages (real Chromium)`);
  console.log('columns per locator: correct / wrong element / abstained ("deleted": abstaining is correct)\n');
  console.log('kind'.padEnd(16) + LOCATORS.map((l) => l.padStart(13)).join('  '));
  for (const k of kinds) {
    const rows = results.filter((r) => r.kind === k);
    console.log(k.padEnd(16) + LOCATORS.map((l) => cell(rows, l).padStart(13)).join('  '));
  }
  console.log('overall'.padEnd(16) + LOCATORS.map((l) => cell(results, l).padStart(13)).join('  '));
  console.log('');
  for (const l of LOCATORS) {
    console.log(`${l.padEnd(7)} correct ${pct(results, l, 'correct').padStart(6)}  wrong ${pct(results, l, 'wrong').padStart(6)}  abstained ${pct(results, l, 'abstained').padStart(6)}`);
  }
  const deleted = results.filter((r) => r.kind === 'deleted');
  console.log(`\nInflow abstains on ${deleted.filter((r) => r.inflow === 'correct').length} of ${deleted.length} deleted targets`);
  if (process.env.BENCH_VERBOSE) {
    for (const r of results.filter((x) => x.inflow !== 'correct')) console.log(`  inflow ${r.inflow}: ${r.page}/${r.kind}/${r.seed} ${r.target} (${r.detail})`);
  }
  const t = await page.evaluate(() => globalThis.inflowBench.timing(5000));
  const f = (ms) => (ms * 1000).toFixed(1) + ' µs';
  console.log(`\nTiming on a page of ${t.elements} elements (median per anchor):`);
  console.log(`  Inflow resolve ${f(t.resolveMs)}   one querySelector ${f(t.querySelectorMs)}   resolve when every selector is broken (scoring) ${f(t.scoringMs)}`);
} finally {
  await close();
}
