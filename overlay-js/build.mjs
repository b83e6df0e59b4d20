// Bundles the overlay into dist/inflow.js (what every page loads; the weight budget, gzip -9, applies to it) and
// dist/inflow-more.js (the recorder, checks and the launcher's panel, which the core loads on first use).
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 20480;
const out = 'dist/inflow.js';
const extra = 'dist/inflow-more.js';

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

const options = {
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  loader: { '.css': 'text' },
  plugins: [cssText],
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...options, entryPoints: ['src/more-entry.ts'], outfile: extra });
// The core loads the extra bundle with its Subresource Integrity hash, so a snippet with `integrity` covers both files.
const sri = 'sha384-' + createHash('sha384').update(readFileSync(extra)).digest('base64');
// ... and from its versioned path, which the server answers for these bytes only, cached for good (OverlayScript.java
// computes the same content hash: the first 12 hex digits of the SHA-256)
const morePath = `/overlay/${createHash('sha256').update(readFileSync(extra)).digest('hex').slice(0, 12)}/inflow-more.js`;
await build({ ...options, entryPoints: ['src/index.ts'], outfile: out,
  define: { INFLOW_MORE_SRI: JSON.stringify(sri), INFLOW_MORE_PATH: JSON.stringify(morePath) } });

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const size = gz(out);
console.log(`inflow.js: ${size} bytes gzip (budget ${BUDGET}); inflow-more.js: ${gz(extra)} bytes gzip, loaded on demand`);
if (size > BUDGET) {
  console.error(`inflow.js is ${size - BUDGET} bytes over budget`);
  process.exit(1);
}
