import { defineConfig } from 'vitest/config';

// Browser journeys: the real server (built web UI, embedded database, demo data) driven in Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    // One file at a time: a file keeps both cores busy (server, browser, runner); two at once took twice
    // as long each on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
