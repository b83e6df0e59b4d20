import { defineConfig } from 'vitest/config';
import { cssText } from './test/cssText.mjs';

// CSS is imported as text, as esbuild's text loader does in the build.
export default defineConfig({
  plugins: [cssText],
  test: { environment: 'jsdom', include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'] },
});
