// Browser benchmark: `npm run bench` (after `npm run build`). In one run of a real Chromium it
// prints, beside the same page without Inflow, the time from the script starting to the first
// tip being visible, and the main-thread time Inflow adds on a page of 5,000 elements and on a
// page that changes its DOM 100 times a second. Server answers are served from memory, so what
// is measured is the browser's work, not the network.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WINDOW_MS = 3000;
const APP = 'https://app.bench';
const SERVER = 'https://inflow.bench';
const script = readFileSync(new URL('../dist/inflow.js', import.meta.url), 'utf8');

const anchor = { v: 1, tag: 'button', selectors: [{ css: '#target', count: 1 }], props: { id: 'target', text: 'Save' } };
const delivery = JSON.stringify({
  app: { id: 'app_bench', name: 'Bench', theme: {} },
  tips: [{ id: 'tip_bench', title: 'Save often', presentation: 'tooltip', placement: 'bottom', anchor, body: [['p', {}, 'Tip body']], version: 1 }],
});

const pages = {
  // 5,000 elements: rows of a table, like a long CRM list
  big: `<table>${Array.from({ length: 1000 }, (_, i) => `<tr><td>Account ${i}</td><td><span>${i * 7}</span></td><td><a href="#${i}">open</a></td></tr>`).join('')}</table>`,
  // a ticker that rewrites part of the page every 10 ms
  churn: `<ul id="feed"></ul><script>let n = 0; setInterval(() => { const f = document.getElementById('feed');
    const li = document.createElement('li'); li.textContent = 'update ' + (n++); f.prepend(li); if (f.children.length > 50) f.lastChild.remove(); }, 10);</script>`,
};

function html(body, withInflow) {
  const tag = withInflow ? `<script>performance.mark('inflow-start')</script><script src="${SERVER}/inflow.js" data-key="bench"></script>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><button id="target">Save</button>${body}${tag}</body></html>`;
}

async function measure(browser, kind, withInflow) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${APP}/**`, (r) => r.fulfill({ contentType: 'text/html', body: html(pages[kind], withInflow) }));
  await page.route(`${SERVER}/inflow.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: script }));
  await page.route(`${SERVER}/api/v1/delivery**`, (r) => r.fulfill({ contentType: 'application/json', body: delivery,
    headers: { 'access-control-allow-origin': APP, 'access-control-expose-headers': 'ETag', etag: '"b1"' } }));
  await page.route(`${SERVER}/api/v1/events**`, (r) => r.fulfill({ contentType: 'application/json', body: '{"accepted":0,"duplicates":0}',
    headers: { 'access-control-allow-origin': APP } }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  // The window opens before navigation, so Inflow's start-up work is counted too.
  const before = await task();
  const opened = Date.now();
  await page.goto(`${APP}/`);
  let firstTip = null;
  if (withInflow) {
    firstTip = await page.evaluate(() => new Promise((done) => {
      const check = () => {
        const tip = document.getElementById('inflow-overlay-root')?.shadowRoot?.querySelector('[data-inflow-tip]');
        if (tip && tip.getBoundingClientRect().width > 0) done(performance.now() - performance.getEntriesByName('inflow-start')[0].startTime);
        else requestAnimationFrame(check);
      };
      check();
    }));
  }
  await page.waitForTimeout(Math.max(0, WINDOW_MS - (Date.now() - opened)));
  const busyMs = ((await task()) - before) * 1000;
  await context.close();
  return { firstTip, busyMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`Inflow overlay benchmark: median of ${RUNS} runs, main-thread time in the first ${WINDOW_MS} ms from navigation`);
  for (const kind of Object.keys(pages)) {
    const without = [], withIt = [];
    for (let i = 0; i < RUNS; i++) { // interleaved, so drift on a busy machine hits both alike
      without.push(await measure(browser, kind, false));
      withIt.push(await measure(browser, kind, true));
    }
    const base = median(without.map((r) => r.busyMs));
    const inflow = median(withIt.map((r) => r.busyMs));
    const label = kind === 'big' ? 'page of 5,000 elements' : 'page mutating its DOM 100x/s';
    console.log(`${label}:`);
    console.log(`  first tip visible after script start: ${median(withIt.map((r) => r.firstTip)).toFixed(1)} ms`);
    console.log(`  main-thread time without Inflow: ${base.toFixed(1)} ms, with Inflow: ${inflow.toFixed(1)} ms, added: ${(inflow - base).toFixed(1)} ms (${((inflow - base) / WINDOW_MS * 100).toFixed(2)}% of the window)`);
  }
} finally {
  await browser.close();
}
