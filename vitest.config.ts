import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Bundled resources (the default house stylesheet) are imported with `?raw`; vitest
          // otherwise replaces every .css import with an empty string.
          css: { include: [/resources[\\/]templates[\\/]/] },
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Real Chromium on a loaded two-core machine: .ci/run sets COPYDESK_E2E_RETRY=1 so a
          // test that fails once is run once more there (failing twice fails the run). Locally
          // there is no retry, so a flaky test shows.
          retry: Number(process.env.COPYDESK_E2E_RETRY ?? 0),
        },
      },
      {
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
