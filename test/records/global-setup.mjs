import { startPostgres } from '../support/postgres.mjs';
import { skipReason } from '../support/setup.mjs';

/**
 * One PostgreSQL server for the run; each test makes a database of its own on it. With
 * PIEKRITU_SKIP=postgres no server is started, and the PostgreSQL tests say why they skip.
 */
export default async function setup({ provide }) {
  const skip = skipReason('postgres');
  if (skip) {
    console.log(`test/records: the PostgreSQL store tests are skipped (${skip}); the SQLite ones run.`);
    provide('postgres', { skip });
    return undefined;
  }
  const server = await startPostgres();
  provide('postgres', { url: server.url });
  return () => server.stop();
}
