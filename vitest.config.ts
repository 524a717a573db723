import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulators listen on random loopback ports, so test files can run in parallel.
    testTimeout: 30_000,
  },
});
