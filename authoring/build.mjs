// Bundles the picker and the console into dist/, which Maven ships as classpath public/.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
};

await rm('dist', { recursive: true, force: true });
await mkdir('dist/console', { recursive: true });

await build({ ...common, entryPoints: ['src/picker/index.ts'], outfile: 'dist/picker.js' });
await build({ ...common, entryPoints: ['src/console/main.ts'], outfile: 'dist/console/console.js' });
await copyFile('src/console/index.html', 'dist/console/index.html');
// uPlot's own stylesheet goes after the console's, in the one file the console's CSP allows
await writeFile('dist/console/console.css', (await readFile('src/console/console.css', 'utf8')) + (await readFile('node_modules/uplot/dist/uPlot.min.css', 'utf8')));
