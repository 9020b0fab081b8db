/**
 * `PIEKRITU_SKIP=postgres` leaves out the PostgreSQL engine and nothing else: the SQLite runs
 * of the stores and of the CLI still run and pass, and each PostgreSQL test says it was
 * skipped and why. The suites run in child processes as `npm run test:records` runs them,
 * cut down to a few tests.
 */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REASON = 'PIEKRITU_SKIP names "postgres"';

// POSTGRES_BIN names server binaries that only fail: a run that starts a server anyway fails.
const fakeBin = mkdtempSync(join(tmpdir(), 'piekritu-no-pg-'));
after(() => rmSync(fakeBin, { recursive: true, force: true }));
for (const name of ['initdb', 'pg_ctl', 'postgres']) {
  writeFileSync(join(fakeBin, name), `#!/bin/sh\necho "${name} was run" >&2\nexit 1\n`);
  chmodSync(join(fakeBin, name), 0o755);
}

/** A command in the repository with PIEKRITU_SKIP=postgres: its status and output. */
function withoutPostgres(command, args) {
  // NODE_TEST_CONTEXT would make a nested `node --test` report to this runner instead of stdout.
  const { NODE_TEST_CONTEXT: _, ...env } = { ...process.env, PIEKRITU_SKIP: 'postgres', POSTGRES_BIN: fakeBin };
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

it('the stores: SQLite runs and passes, PostgreSQL is skipped with the reason, and no server is started', async () => {
  const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
  const run = await withoutPostgres(process.execPath, [
    vitest, 'run', '--config', 'test/records/vitest.config.mjs', '--reporter=json',
    '-t', 'keeps a record through the handler',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  const results = report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((result) => result.title.startsWith('keeps a record through the handler'));
  const engine = (name) => results.filter((result) => result.ancestorTitles[0]?.includes(name));
  assert.deepEqual(engine('sqlite').map((result) => result.status), ['passed']);
  const postgres = engine('postgres');
  assert.deepEqual(postgres.map((result) => result.status), ['skipped'], JSON.stringify(results.map((r) => [r.fullName, r.status])));
  assert.ok(postgres[0].ancestorTitles[0].includes(`skipped: ${REASON}`), postgres[0].ancestorTitles[0]);
  assert.doesNotMatch(run.stderr, /was run/);
});

it('the CLI and the outage test: the SQLite runs pass, the PostgreSQL ones are skipped with the reason', async () => {
  const run = await withoutPostgres(process.execPath, [
    '--test', '--test-concurrency=1', '--test-reporter=tap', 'test/records/cli.test.mjs', 'test/records/faults.test.mjs',
  ]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.split('\n').map((line) => line.trim());
  const result = (name) => lines.find((line) => /^(not )?ok \d+ - /.test(line) && line.includes(name));
  assert.match(result('on sqlite: lookup') ?? '', /^ok \d+ - on sqlite: [^#]*$/);
  assert.match(result('on postgres: lookup') ?? '', new RegExp(`^ok \\d+ - on postgres: .*# SKIP ${REASON}`));
  assert.match(result('PostgreSQL down for a while') ?? '', new RegExp(`^ok \\d+ - PostgreSQL down for a while.*# SKIP ${REASON}`));
  assert.match(result('purges what is older') ?? '', /^ok \d+ - purges what is older[^#]*$/);
  assert.doesNotMatch(run.stderr, /was run/);
});
