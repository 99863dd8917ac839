import { defineConfig } from 'vitest/config';

// `npm test` runs the api project (scripts/test.mjs); browser journeys have their own config in tests/e2e.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['apps/api/src/test/global-setup.ts'],
          pool: 'forks',
          // Two files at a time on 2 cores (vitest's default is cores - 1, i.e. one): a file mostly keeps one
          // core busy (PGlite is single-threaded), and main.test.ts waits on a server it starts. Timeouts
          // leave room for a file sharing the machine with another (client.test.ts took 32 s at load 8).
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
