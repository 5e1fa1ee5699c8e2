import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
    globalSetup: ['tests/support/scratch-folder.ts'],
    // Build tests run `astro build` in child processes that share Astro's cache folder, so test
    // files run one at a time (the unit tests take seconds either way).
    fileParallelism: false,
    testTimeout: 20_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    // In CI, also a JSON report, from which .ci/run prints the suite's closing count.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest-unit.json' }]] : ['default'],
  },
});
