/**
 * The shared store: PostgreSQL through `pg` (optional dependency, loaded when the first store
 * opens), for several application servers writing to one database. An append locks the
 * chain's row (`SELECT … FOR UPDATE`) for its transaction, so concurrent writers, in one
 * process or many, queue up and the chain stays unbroken; receipt times come from the
 * database's clock, one clock for every server.
 */
import { GENESIS, linkBatch, sameRecordKey, type RecordEntry, type StoredRecord } from './chain.js';
import { purgeCut, purgeRowOf } from './retention.js';
import { COLUMNS, chainOfRow, createStore, loadDriver, recordOfRow, schema, valuesOf, type Engine, type RecordStore, type StoreOptions } from './store.js';

/** The part of a `pg.Pool` the store uses (a pool of your own can be passed in). */
export interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
  release(error?: Error | boolean): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PostgresStoreOptions extends StoreOptions {
  /** Connections in the pool the store creates from a URL. */
  max?: number;
}

/** Any number that fits a 64-bit key: every server agrees on it, nothing else uses it. */
const SCHEMA_LOCK = 7_170_501_016;
const NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function transaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that drops while checked out emits 'error' on the client (the pool only
  // listens to idle ones): without a listener that would end the process. The query in
  // flight fails as well, and that failure is what the caller gets.
  const ignore = () => undefined;
  client.on?.('error', ignore);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.removeListener?.('error', ignore);
    client.release();
    return result;
  } catch (error) {
    // A broken connection is dropped from the pool rather than handed out again.
    await client.query('ROLLBACK').catch(() => undefined);
    client.removeListener?.('error', ignore);
    client.release(error as Error);
    throw error;
  }
}

async function openPostgres(target: string | PgPool, options: PostgresStoreOptions): Promise<Engine> {
  let pool: PgPool;
  const own = typeof target === 'string';
  if (typeof target === 'string') {
    const { default: pg } = await loadDriver('pg', '8', () => import('pg'), 'postgresStore');
    pool = new pg.Pool({ connectionString: target, max: options.max ?? 10 }) as unknown as PgPool;
    // An idle connection lost while the database restarts must not take the process down;
    // the next query opens a new one.
    pool.on?.('error', () => undefined);
  } else {
    pool = target;
  }
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const statement of schema('BIGINT')) await client.query(statement);
    await client.query('INSERT INTO piekritu_chain VALUES (1, 1, $1, 0, $1) ON CONFLICT (key) DO NOTHING', [GENESIS]);
  });
  const saved = new Set<string>();
  const rows = (result: { rows: Record<string, unknown>[] }) => result.rows.map(recordOfRow);

  return {
    async append(entries: RecordEntry[], shown: Map<string, string>) {
      const fresh = [...shown].filter(([hash]) => !saved.has(hash));
      const out = await transaction(pool, async (client) => {
        const head = (await client.query(`SELECT *, ${NOW} AS now FROM piekritu_chain WHERE key = 1 FOR UPDATE`)).rows[0];
        // Re-sends are found in one query, under the lock (no other writer can add one meanwhile),
        // so the rows that remain go in with one statement and link to each other.
        const known = new Set(
          (
            await client.query('SELECT id, decided_at FROM piekritu_records WHERE (id, decided_at) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
              entries.map((entry) => entry.id),
              entries.map((entry) => entry.timestamp),
            ])
          ).rows.map((row) => sameRecordKey(String(row.id), String(row.decided_at))),
        );
        const linked = linkBatch(entries, chainOfRow(head), String(head.now), (entry) => known.has(sameRecordKey(entry.id, entry.timestamp)));
        const rowsIn = linked.rows.filter((row): row is StoredRecord => row !== null);
        if (rowsIn.length) {
          const values = rowsIn.map(valuesOf);
          const columns = COLUMNS.map((_, index) => values.map((row) => row[index]));
          await client.query(
            `INSERT INTO piekritu_records (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map(
              (column, index) => `$${index + 1}::${column === 'seq' ? 'bigint' : 'text'}[]`,
            ).join(', ')})`,
            columns,
          );
        }
        if (fresh.length) {
          await client.query(
            'INSERT INTO piekritu_shown (hash, content) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING',
            [fresh.map(([hash]) => hash), fresh.map(([, content]) => content)],
          );
        }
        await client.query('UPDATE piekritu_chain SET last_seq = $1, last_hash = $2 WHERE key = 1', [linked.lastSeq, linked.lastHash]);
        return linked.rows;
      });
      for (const [hash] of fresh) saved.add(hash);
      return out;
    },
    page: async (after, limit) => rows(await pool.query('SELECT * FROM piekritu_records WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit])),
    range: async (range, cursor, limit) =>
      rows(
        cursor && cursor.receivedAt >= range.from
          ? await pool.query(
              'SELECT * FROM piekritu_records WHERE (received_at, seq) > ($1, $2) AND received_at < $3 ORDER BY received_at, seq LIMIT $4',
              [cursor.receivedAt, cursor.seq, range.to, limit],
            )
          : await pool.query('SELECT * FROM piekritu_records WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, seq LIMIT $3', [
              range.from,
              range.to,
              limit,
            ]),
      ),
    byId: async (id) => rows(await pool.query('SELECT * FROM piekritu_records WHERE id = $1 ORDER BY seq', [id])),
    latest: async (limit) => rows(await pool.query('SELECT * FROM piekritu_records ORDER BY seq DESC LIMIT $1', [limit])),
    count: async (range) =>
      Number(
        (await pool.query('SELECT count(*) AS n FROM piekritu_records WHERE received_at >= $1 AND received_at < $2', [range.from, range.to]))
          .rows[0].n,
      ),
    chain: async () => chainOfRow((await pool.query('SELECT * FROM piekritu_chain WHERE key = 1')).rows[0]),
    purgeSome: (before, limit) =>
      transaction(pool, async (client) => {
        const chain = chainOfRow((await client.query('SELECT * FROM piekritu_chain WHERE key = 1 FOR UPDATE')).rows[0]);
        const oldest = await client.query('SELECT seq, received_at, prev_hash, hash FROM piekritu_records ORDER BY seq LIMIT $1', [limit + 1]);
        const cut = purgeCut(chain, oldest.rows.map(purgeRowOf), before, limit);
        if (!cut) return 0;
        await client.query('DELETE FROM piekritu_records WHERE seq < $1', [cut.firstSeq]);
        await client.query('UPDATE piekritu_chain SET first_seq = $1, first_prev = $2 WHERE key = 1', [cut.firstSeq, cut.firstPrev]);
        await client.query(`INSERT INTO piekritu_purges (at, before, first_seq, deleted) VALUES (${NOW}, $1, $2, $3)`, [
          before,
          cut.firstSeq,
          cut.deleted,
        ]);
        return cut.deleted;
      }),
    choices: async (range) =>
      (
        await pool.query(
          `SELECT substr(received_at, 1, 10) AS day, choice, count(*)::int AS n FROM piekritu_records
           WHERE received_at >= $1 AND received_at < $2 GROUP BY day, choice`,
          [range.from, range.to],
        )
      ).rows as { day: string; choice: string; n: number }[],
    categories: async (range) =>
      (
        await pool.query(
          `SELECT substr(received_at, 1, 10) AS day, c.category, count(*)::int AS offered, sum(c.granted)::int AS granted
           FROM piekritu_records,
             LATERAL (SELECT value AS category, 1 AS granted FROM jsonb_array_elements_text(granted::jsonb)
                      UNION ALL SELECT value, 0 FROM jsonb_array_elements_text(denied::jsonb)) AS c
           WHERE received_at >= $1 AND received_at < $2 GROUP BY day, c.category`,
          [range.from, range.to],
        )
      ).rows as { day: string; category: string; offered: number; granted: number }[],
    shown: async (hash) => {
      const row = (await pool.query('SELECT content FROM piekritu_shown WHERE hash = $1', [hash])).rows[0];
      return row ? String(row.content) : null;
    },
    close: async () => {
      if (own) await pool.end();
    },
  };
}

/**
 * A record store in PostgreSQL, from a connection URL (the store makes and ends its pool) or
 * a `pg.Pool` of the site's own (left open on `close`).
 *
 *   const records = postgresStore(process.env.DATABASE_URL);
 */
export function postgresStore(target: string | PgPool, options: PostgresStoreOptions = {}): RecordStore {
  return createStore(() => openPostgres(target, options), options);
}
