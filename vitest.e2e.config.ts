import { defineConfig } from 'vitest/config';

// Quality gates on the built site: real Chromium + axe, the Nu HTML checker, links and byte
// budgets. globalSetup builds the sites once; the test files only read and serve them.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/support/scratch-folder.ts', 'tests/e2e/global-setup.ts'],
    // One Chromium and one JVM at a time is what 2 cores allow.
    maxWorkers: 2,
    // The one clock in the browser tests: Playwright waits for events and states without budgets
    // of their own (support/browser.ts newContext), so this ceiling only catches a test that hangs.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    // In CI, also a JSON report, from which .ci/run prints the suite's closing count.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest-e2e.json' }]] : ['default'],
  },
});
