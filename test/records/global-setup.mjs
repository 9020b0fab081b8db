import { startPostgres } from '../support/postgres.mjs';

/** One PostgreSQL server for the run; each test makes a database of its own on it. */
export default async function setup({ provide }) {
  const server = await startPostgres();
  provide('postgresUrl', server.url);
  return () => server.stop();
}
