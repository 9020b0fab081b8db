import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the pure modules (src/core), the locale data and the test set-up: node, no browser.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/unit/**/*.test.{ts,mjs}'],
    environment: 'node',
  },
});
