// Bundles the overlay into dist/inflow.js and enforces the weight budget (gzip -9).
import { build, transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 20480;
const out = 'dist/inflow.js';

/** Imports .css files as minified text (the overlay adopts it as a stylesheet in its shadow root). */
const cssText = {
  name: 'css-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: 'chrome100' });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

await build({
  entryPoints: ['src/index.ts'],
  outfile: out,
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  loader: { '.css': 'text' },
  plugins: [cssText],
  legalComments: 'none',
  logLevel: 'warning',
});

const size = gzipSync(readFileSync(out), { level: 9 }).length;
console.log(`inflow.js: ${size} bytes gzip (budget ${BUDGET})`);
if (size > BUDGET) {
  console.error(`inflow.js is ${size - BUDGET} bytes over budget`);
  process.exit(1);
}
