import { defineConfig } from 'vitest/config';

// Three suites, one command (`npm test`):
// - unit: tests beside the code;
// - integration: the Hono app in Node against a real migrated libSQL file;
// - e2e: Debian's Chromium (playwright-core) against the built site on the Node entry.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'functions/**/*.test.ts',
            'db/**/*.test.ts',
            'model/**/*.test.ts',
          ],
        },
      },
      {
        test: { name: 'integration', include: ['test/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
