/**
 * `piekritu/server`: the proof-of-consent handler, the record stores behind it and the
 * dashboard. The stores' database drivers load only when a store is created.
 */
import type { AcceptType } from '../core/consent.js';

export * from './consent-handler.js';
export { sqliteStore, type SqliteStoreOptions } from './records/sqlite.js';
export { postgresStore, type PgPool, type PostgresStoreOptions } from './records/postgres.js';
export type {
  AppendResult,
  ChainProblem,
  ChainState,
  DayStats,
  IpPolicy,
  Period,
  Progress,
  RecordStore,
  Stats,
  StoreOptions,
  StoredRecord,
  VerifyResult,
} from './records/store.js';
/**
 * A record's `choice` (`all`, `necessary` or `custom`): what its granted and denied lists
 * amount to, not the button pressed ("Piekrītu" narrowed by Global Privacy Control reads
 * `custom`, a saved selection with every switch on reads `all`).
 */
export type { AcceptType };
/** @deprecated The same type as `AcceptType`, its name everywhere else; kept so that code importing it still compiles. */
export type Choice = AcceptType;
export { maskIp } from './records/request.js';
export { canonical, type Shown } from './records/shown.js';
export { recordsDashboard, type DashboardOptions } from './records/dashboard.js';
export { exportRecords, type ExportFormat, type ExportOptions } from './records/export.js';
