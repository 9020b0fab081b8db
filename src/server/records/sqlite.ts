/**
 * The embedded store: one SQLite file through `better-sqlite3` (optional dependency, loaded
 * when the first store opens). Appends take SQLite's write lock (`BEGIN IMMEDIATE`), so
 * several processes on one file still build one unbroken chain.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { GENESIS, linkBatch, type RecordEntry } from './chain.js';
import { purgeCut, purgeRowOf } from './retention.js';
import { COLUMNS, chainOfRow, createStore, loadDriver, recordOfRow, schema, valuesOf, type Engine, type RecordStore, type StoreOptions } from './store.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** Wait this long for another process's write lock before failing, in ms. */
  busyTimeout?: number;
  /** Where receipt times come from: the system clock, unless an import replays history. */
  clock?: () => Date;
}

async function openSqlite(path: string, options: SqliteStoreOptions): Promise<Engine> {
  const { default: Database } = await loadDriver('better-sqlite3', '12', () => import('better-sqlite3'), 'sqliteStore');
  const db: SqliteDatabase = new Database(path);
  db.pragma('journal_mode = WAL');
  // A record answered with 204 leaves the visitor's queue: it must be on disk by then.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeout ?? 5000))}`);
  db.transaction(() => {
    for (const statement of schema('INTEGER')) db.exec(statement);
    db.prepare(`INSERT OR IGNORE INTO piekritu_chain VALUES (1, 1, ?, 0, ?)`).run(GENESIS, GENESIS);
  }).immediate();

  const q = {
    chain: db.prepare('SELECT * FROM piekritu_chain WHERE key = 1'),
    exists: db.prepare('SELECT 1 FROM piekritu_records WHERE id = ? AND decided_at = ?').pluck(),
    insert: db.prepare(`INSERT INTO piekritu_records (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
    head: db.prepare('UPDATE piekritu_chain SET last_seq = ?, last_hash = ? WHERE key = 1'),
    shownIn: db.prepare('INSERT OR IGNORE INTO piekritu_shown (hash, content) VALUES (?, ?)'),
    shown: db.prepare('SELECT content FROM piekritu_shown WHERE hash = ?').pluck(),
    page: db.prepare('SELECT * FROM piekritu_records WHERE seq > ? ORDER BY seq LIMIT ?'),
    rangeFirst: db.prepare(
      'SELECT * FROM piekritu_records WHERE received_at >= ? AND received_at < ? ORDER BY received_at, seq LIMIT ?',
    ),
    rangeNext: db.prepare(
      'SELECT * FROM piekritu_records WHERE (received_at, seq) > (?, ?) AND received_at < ? ORDER BY received_at, seq LIMIT ?',
    ),
    byId: db.prepare('SELECT * FROM piekritu_records WHERE id = ? ORDER BY seq'),
    latest: db.prepare('SELECT * FROM piekritu_records ORDER BY seq DESC LIMIT ?'),
    count: db.prepare('SELECT count(*) FROM piekritu_records WHERE received_at >= ? AND received_at < ?').pluck(),
    oldest: db.prepare('SELECT seq, received_at, prev_hash, hash FROM piekritu_records ORDER BY seq LIMIT ?'),
    cut: db.prepare('DELETE FROM piekritu_records WHERE seq < ?'),
    first: db.prepare('UPDATE piekritu_chain SET first_seq = ?, first_prev = ? WHERE key = 1'),
    purged: db.prepare('INSERT INTO piekritu_purges (at, before, first_seq, deleted) VALUES (?, ?, ?, ?)'),
    choices: db.prepare(
      `SELECT substr(received_at, 1, 10) AS day, choice, count(*) AS n FROM piekritu_records
       WHERE received_at >= ? AND received_at < ? GROUP BY day, choice`,
    ),
    categories: db.prepare(
      `SELECT day, category, count(*) AS offered, sum(granted) AS granted FROM (
         SELECT substr(received_at, 1, 10) AS day, g.value AS category, 1 AS granted
           FROM piekritu_records, json_each(piekritu_records.granted) AS g WHERE received_at >= ? AND received_at < ?
         UNION ALL
         SELECT substr(received_at, 1, 10) AS day, d.value AS category, 0 AS granted
           FROM piekritu_records, json_each(piekritu_records.denied) AS d WHERE received_at >= ? AND received_at < ?
       ) GROUP BY day, category`,
    ),
  };
  const rows = (list: unknown[]) => (list as Record<string, unknown>[]).map(recordOfRow);

  const append = db.transaction((entries: RecordEntry[], shown: Map<string, string>) => {
    const chain = chainOfRow(q.chain.get() as Record<string, unknown>);
    const receivedAt = (options.clock?.() ?? new Date()).toISOString();
    const linked = linkBatch(entries, chain, receivedAt, (entry) => Boolean(q.exists.get(entry.id, entry.timestamp)));
    for (const row of linked.rows) if (row) q.insert.run(valuesOf(row));
    for (const [hash, content] of shown) q.shownIn.run(hash, content);
    q.head.run(linked.lastSeq, linked.lastHash);
    return linked.rows;
  });

  const purgeSome = db.transaction((before: string, limit: number): number => {
    const chain = chainOfRow(q.chain.get() as Record<string, unknown>);
    const cut = purgeCut(chain, (q.oldest.all(limit + 1) as Record<string, unknown>[]).map(purgeRowOf), before, limit);
    if (!cut) return 0;
    q.cut.run(cut.firstSeq);
    q.first.run(cut.firstSeq, cut.firstPrev);
    q.purged.run(new Date().toISOString(), before, cut.firstSeq, cut.deleted);
    return cut.deleted;
  });

  return {
    append: async (entries, shown) => append.immediate(entries, shown),
    page: async (after, limit) => rows(q.page.all(after, limit)),
    range: async (range, cursor, limit) =>
      rows(
        cursor && cursor.receivedAt >= range.from
          ? q.rangeNext.all(cursor.receivedAt, cursor.seq, range.to, limit)
          : q.rangeFirst.all(range.from, range.to, limit),
      ),
    byId: async (id) => rows(q.byId.all(id)),
    latest: async (limit) => rows(q.latest.all(limit)),
    count: async (range) => Number(q.count.get(range.from, range.to)),
    chain: async () => chainOfRow(q.chain.get() as Record<string, unknown>),
    purgeSome: async (before, limit) => purgeSome.immediate(before, limit),
    choices: async (range) => q.choices.all(range.from, range.to) as { day: string; choice: string; n: number }[],
    categories: async (range) =>
      q.categories.all(range.from, range.to, range.from, range.to) as { day: string; category: string; offered: number; granted: number }[],
    shown: async (hash) => (q.shown.get(hash) as string | undefined) ?? null,
    close: async () => void db.close(),
  };
}

/**
 * A record store in one SQLite file (created if missing), for a site on one server.
 *
 *   const records = sqliteStore('./consent.db');
 *   createServer(consentHandler({ store: records }));
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): RecordStore {
  return createStore(() => openSqlite(path, options), options);
}
