import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // OCR tests run real tesseract.js workers; one fork per core keeps memory bounded.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
