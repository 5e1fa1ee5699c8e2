import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
    // Build tests run `astro build` in child processes; two at once is what 2 cores allow.
    maxWorkers: 2,
    testTimeout: 20_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
