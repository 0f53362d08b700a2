import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: tests that drive headless Chromium (Debian's, /usr/bin/chromium) with
 * playwright-core against processes started as users start them. Not part of `npm test`.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
