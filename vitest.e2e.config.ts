import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium (playwright-core) against the built site served on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // The query engine takes a few seconds to start: polls wait for it.
    expect: { requireAssertions: true, poll: { timeout: 30_000, interval: 100 } }
  }
});
