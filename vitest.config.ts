import { defineConfig } from 'vitest/config';

/**
 * Unit tests: pure TypeScript in Node. Co-located `src/**\/*.test.ts` plus cross-cutting tests in
 * `tests/unit/`. The setup file makes any network access from a test fail loudly.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup/no-network.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
