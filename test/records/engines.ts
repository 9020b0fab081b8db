/** The two engines the stores run on, each with a fresh database per call and raw SQL for tampering. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { postgresStore } from '../../src/server/records/postgres.js';
import { sqliteStore } from '../../src/server/records/sqlite.js';
import type { RecordStore, StoreOptions } from '../../src/server/records/store.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL, or why there is none (PIEKRITU_SKIP=postgres): global-setup.mjs. */
    postgres: { url?: string; skip?: string };
  }
}

export interface Fresh {
  store: RecordStore;
  /** Another store on the same database (a second application server). */
  another(options?: StoreOptions): RecordStore;
  /** Run SQL on the database behind the store's back. */
  raw(sql: string, values?: unknown[]): Promise<void>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** Stores made on one database, remembered so that clean-up closes them all. */
function opened(open: (options?: StoreOptions) => RecordStore) {
  const stores: RecordStore[] = [];
  const make = (options?: StoreOptions) => {
    const store = open(options);
    stores.push(store);
    return store;
  };
  return { stores, make };
}

const postgres = inject('postgres');

/** `skip`: why the engine's tests do not run, which they say in their name. */
export const ENGINES: { name: string; skip?: string; fresh(options?: StoreOptions): Promise<Fresh> }[] = [
  {
    name: 'sqlite',
    async fresh(options) {
      const dir = mkdtempSync(join(tmpdir(), 'piekritu-sqlite-'));
      const path = join(dir, 'consent.db');
      const { stores, make } = opened((o) => sqliteStore(path, o));
      const store = make(options);
      return {
        store,
        another: make,
        async raw(sql, values = []) {
          const db = new Database(path);
          db.prepare(sql).run(...values);
          db.close();
        },
        async cleanup() {
          for (const each of stores) await each.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: postgres.skip,
    async fresh(options) {
      const admin = postgres.url!;
      const name = `t_${process.pid}_${Date.now()}_${(counter += 1)}`;
      const client = new pg.Client(admin);
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = admin.replace(/\/[^/]*$/, `/${name}`);
      const { stores, make } = opened((o) => postgresStore(url, o));
      const store = make(options);
      return {
        store,
        another: make,
        async raw(sql, values = []) {
          const c = new pg.Client(url);
          await c.connect();
          await c.query(sql.replace(/\?/g, (() => { let i = 0; return () => `$${(i += 1)}`; })()), values);
          await c.end();
        },
        async cleanup() {
          for (const each of stores) await each.close();
          const c = new pg.Client(admin);
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name}`);
          await c.end();
        },
      };
    },
  },
];
