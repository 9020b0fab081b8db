#!/usr/bin/env node
/**
 * The record-store suite: the stores against a SQLite file and a PostgreSQL server this
 * suite starts (test/support/postgres.mjs), then the built CLI, the dashboard in Chromium and
 * the database-outage test. Without PostgreSQL it fails with what to install, unless the
 * person asked for a run without it (PIEKRITU_SKIP=postgres): then the PostgreSQL runs are
 * skipped, each saying so, and the SQLite runs and the rest still run.
 */
import { spawnSync } from 'node:child_process';
import { programForSuite } from './setup.mjs';

const postgres = programForSuite('postgres', 'test:records');
const env = postgres ? { ...process.env, POSTGRES_BIN: postgres } : process.env;
for (const [command, args] of [
  ['npx', ['vitest', 'run', '--config', 'test/records/vitest.config.mjs']],
  ['node', ['--test', '--test-concurrency=1', 'test/records/']],
]) {
  const run = spawnSync(command, args, { stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
