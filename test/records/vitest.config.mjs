import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The record stores against real engines: a SQLite file per test and a PostgreSQL server
// started for the run (test/support/postgres.mjs), a database per test.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/records/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/records/global-setup.mjs'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One file at a time: the machine is shared, and the PostgreSQL server is too.
    fileParallelism: false,
  },
});
