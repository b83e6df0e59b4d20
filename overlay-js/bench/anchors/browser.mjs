// Starts the system Chromium through playwright-core and loads the benchmark harness into a blank page.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

/** Opens a page with `globalThis.inflowBench`; close() ends the browser and removes its profile. */
export async function openHarness() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The anchor browser tests never download a browser.`);
  }
  const bundle = await build({ entryPoints: [join(here, 'harness.ts')], bundle: true, format: 'iife', target: 'es2020', write: false, logLevel: 'warning' });
  const profile = mkdtempSync(join(tmpdir(), 'inflow-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent('<!doctype html><html><head><title>bench</title></head><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  return {
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
