import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build (its `main`), for us and for Apollo alike; Vite would pick
  // the ES build (`module`) for our code, and a schema built by one is not an instance of the other's
  // classes. One graphql, as in production.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    // Simulators listen on random loopback ports, so test files can run in parallel.
    testTimeout: 30_000,
    // Vitest's default is one worker per core less one: a single worker on CI's 2 cores, while most
    // files wait on child processes, drains and timers. Two overlap that waiting (the suite in
    // ~225 s instead of ~340-400 s on this machine) and keep .ci/run well inside its 8 minutes.
    maxWorkers: 2,
  },
});
