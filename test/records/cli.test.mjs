/**
 * `piekritu records …` as a site owner runs it, on both engines: the built CLI in a child
 * process, against a SQLite file and a PostgreSQL server with the same records. With
 * PIEKRITU_SKIP=postgres the PostgreSQL run is skipped, saying so, and the rest runs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresStore, sqliteStore } from '../../dist/server.js';
import { startPostgres } from '../support/postgres.mjs';
import { skipReason } from '../support/setup.mjs';
import { ALL, NONE, SOME, idOf, record } from './seed.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

function cli(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'piekritu-cli-'));
const NO_POSTGRES = skipReason('postgres');
let server;
const engines = [];

before(async () => {
  const sqlitePath = join(dir, 'consent.db');
  engines.push({
    name: 'sqlite',
    db: `sqlite:${sqlitePath}`,
    store: sqliteStore(sqlitePath),
    raw: async (sql) => {
      const db = new Database(sqlitePath);
      db.exec(sql);
      db.close();
    },
  });
  if (!NO_POSTGRES) {
    server = await startPostgres();
    engines.push({
      name: 'postgres',
      db: server.url,
      store: postgresStore(server.url),
      raw: async (sql) => {
        const client = new pg.Client(server.url);
        await client.connect();
        await client.query(sql);
        await client.end();
      },
    });
  }
  const now = Date.now();
  for (const { store } of engines) {
    for (let n = 1; n <= 30; n += 1) await store.append(record(n, [ALL, NONE, SOME][n % 3], now - (30 - n) * 1000));
  }
});
after(async () => {
  for (const { store } of engines) await store.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('piekritu records', () => {
  it('without a command or with a wrong one: usage on stderr, exit 2', async () => {
    const none = await cli();
    assert.equal(none.code, 2);
    assert.match(none.stderr, /usage: piekritu <command>/);
    assert.equal((await cli('nope')).code, 2);
    const noDb = await cli('records', 'verify');
    assert.equal(noDb.code, 2);
    assert.match(noDb.stderr, /--db is required/);
    const badDb = await cli('records', 'verify', '--db', 'mysql://x');
    assert.match(badDb.stderr, /use sqlite:<file> or a postgres:\/\/ URL/);
    const badRetention = await cli('records', 'purge', '--older-than', 'forever', '--db', engines[0].db);
    assert.equal(badRetention.code, 2);
    assert.match(badRetention.stderr, /a number and d, m or y/);
  });

  for (const [index, name] of ['sqlite', 'postgres'].entries()) {
    const skip = name === 'postgres' && NO_POSTGRES;
    it(`on ${name}: lookup, stats, export, purge --dry-run, and verify catching an edited and a deleted row`, { skip }, async () => {
      const { db, raw } = engines[index];
      const lookup = await cli('records', 'lookup', idOf(5), '--db', db);
      assert.equal(lookup.code, 0, lookup.stderr);
      assert.match(lookup.stdout, new RegExp(`#5  ${idOf(5)}`));
      assert.match(lookup.stdout, /choice {4}custom \(source: user\) {3}granted: preferences analytics {3}denied: marketing/);
      const json = JSON.parse((await cli('records', 'lookup', idOf(5), '--json', '--db', db)).stdout);
      assert.equal(json.length, 1);
      assert.equal(json[0].shownHash.length, 64);

      const stats = JSON.parse((await cli('records', 'stats', '--json', '--db', db)).stdout);
      assert.deepEqual([stats.totals.total, stats.totals.all, stats.totals.necessary, stats.totals.custom], [30, 10, 10, 10]);
      assert.deepEqual(stats.totals.categories.analytics, { offered: 30, granted: 20 });
      const table = (await cli('records', 'stats', '--db', db)).stdout;
      assert.match(table, /^day +records +all +necessary +custom +analytics +marketing +preferences$/m);
      assert.match(table, /^total +30 +10 +10 +10 +66\.7% +33\.3% +66\.7%$/m);

      const out = join(dir, `export-${index}.csv`);
      const exported = await cli('records', 'export', '--format', 'csv', '--out', out, '--db', db);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stderr, /30 records exported/);
      assert.equal(readFileSync(out, 'utf8').trimEnd().split('\r\n').length, 31);
      const jsonl = await cli('records', 'export', '--format', 'jsonl', '--to', '2020-01-01', '--db', db);
      assert.equal(jsonl.stdout, '');

      assert.match((await cli('records', 'purge', '--dry-run', '--db', db)).stdout, /^0 records received before .* would be deleted/);

      const clean = await cli('records', 'verify', '--db', db);
      assert.equal(clean.code, 0);
      assert.match(clean.stdout, /^ok: 30 records, chain 1–30, last hash [0-9a-f]{64}/);

      await raw(`UPDATE piekritu_records SET granted = '[]', denied = '["preferences","analytics","marketing"]' WHERE seq = 12`);
      const edited = await cli('records', 'verify', '--db', db);
      assert.equal(edited.code, 1);
      assert.match(edited.stdout, /^NOT OK: 1 problem in 30 records\n {2}row 12 \(consent 0b1c2d3e-4f50-4617-8283-00000000000c\) does not match its hash: edited\n$/);

      await raw('DELETE FROM piekritu_records WHERE seq = 20');
      const deleted = await cli('records', 'verify', '--db', db);
      assert.equal(deleted.code, 1);
      assert.match(deleted.stdout, /row 20 missing \(deleted\?\)/);
    });
  }

  it('purges what is older than the retention period', async () => {
    const path = join(dir, 'old.db');
    let clock = new Date(Date.now() - 4 * 365 * 86_400_000);
    const store = sqliteStore(path, { clock: () => clock });
    for (let n = 1; n <= 5; n += 1) await store.append(record(n, ALL, clock.getTime()));
    clock = new Date();
    for (let n = 6; n <= 7; n += 1) await store.append(record(n, NONE, clock.getTime()));
    await store.close();
    const purged = await cli('records', 'purge', '--db', `sqlite:${path}`);
    assert.equal(purged.code, 0, purged.stderr);
    assert.match(purged.stdout, /^5 records received before .* deleted$/m);
    assert.match((await cli('records', 'verify', '--db', `sqlite:${path}`)).stdout, /^ok: 2 records, chain 6–7/);
  });
});
