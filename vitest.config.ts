import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The built-in theme's TSX, as tsc compiles it (tsconfig: jsx react, h, Fragment): no
  // development transform, whose __source props would show up as attributes in the pages.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/bench/work/**'],
    // Fails the run when .build/ (which the CLI, the workers and several tests load) is older than src/.
    globalSetup: ['tests/setup/compiled.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests spawn builds and servers; two cores.
    maxWorkers: 2
  }
})
