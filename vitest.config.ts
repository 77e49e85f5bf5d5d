import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/bench/work/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests spawn builds and servers; two cores.
    maxWorkers: 2
  }
})
