import { defineConfig } from 'vitest/config';
import { cssText } from '../overlay-js/test/cssText.mjs';

// The overlay's stylesheets are imported as text (the picker previews tips in place with them), as in the build.
export default defineConfig({
  plugins: [cssText],
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
  },
});
