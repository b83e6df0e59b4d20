// A Vite plugin for the tests: CSS is imported as text, as esbuild's text loader does in the build. The authoring
// tests use it too (the picker previews tips with the overlay's stylesheet).
import { readFileSync } from 'node:fs';

const PREFIX = '\0inflow-css:';

export const cssText = {
  name: 'css-text',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!source.endsWith('.css') || !importer) return null;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    return resolved ? PREFIX + resolved.id : null;
  },
  load(id) {
    return id.startsWith(PREFIX) ? `export default ${JSON.stringify(readFileSync(id.slice(PREFIX.length), 'utf8'))};` : null;
  },
};
