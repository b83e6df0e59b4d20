import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// CSS is imported as text, as esbuild's text loader does in the build (the overlay's stylesheet, previewed in place).
const PREFIX = '\0inflow-css:';

export default defineConfig({
  plugins: [{
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
  }],
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
  },
});
