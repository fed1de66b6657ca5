import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: Playwright (playwright-core) drives the system Chromium against the built app
 * in dist/. Files run one after another in a single fork because software WebGL (SwiftShader)
 * saturates the CPU; each file gets its own static server and a fresh browser profile.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
