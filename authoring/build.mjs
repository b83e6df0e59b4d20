// Bundles the picker, the console and the browser extension into dist/, which Maven ships as classpath public/.
// Maven then packs dist/extension into dist/inflow-extension.zip.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  // the overlay's stylesheets, for the picker's preview of tips in place
  loader: { '.css': 'text' },
};

await rm('dist', { recursive: true, force: true });
await mkdir('dist/console', { recursive: true });
await mkdir('dist/extension', { recursive: true });

await build({ ...common, entryPoints: ['src/picker/index.ts'], outfile: 'dist/picker.js' });
await build({ ...common, entryPoints: ['src/console/main.ts'], outfile: 'dist/console/console.js' });
await copyFile('src/console/index.html', 'dist/console/index.html');
// uPlot's own stylesheet goes after the console's, in the one file the console's CSP allows
await writeFile('dist/console/console.css', (await readFile('src/console/console.css', 'utf8')) + (await readFile('node_modules/uplot/dist/uPlot.min.css', 'utf8')));

// The extension: its service worker, the picker and worker overlay as content scripts, and the options page.
const extension = common;
for (const name of ['background', 'picker', 'worker', 'options', 'testRun']) {
  await build({ ...extension, entryPoints: [`src/extension/${name}.ts`], outfile: `dist/extension/${name}.js` });
}
for (const file of ['manifest.json', 'options.html', 'options.css']) {
  await copyFile(`extension/${file}`, `dist/extension/${file}`);
}
