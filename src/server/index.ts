/**
 * `piekritu/server`: the proof-of-consent handler, the record stores behind it and the
 * dashboard. The stores' database drivers load only when a store is created.
 */
export * from './consent-handler.js';
export { sqliteStore, type SqliteStoreOptions } from './records/sqlite.js';
export { postgresStore, type PgPool, type PostgresStoreOptions } from './records/postgres.js';
export type {
  AppendResult,
  ChainProblem,
  ChainState,
  Choice,
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
export { maskIp } from './records/request.js';
export { canonical, type Shown } from './records/shown.js';
export { recordsDashboard, type DashboardOptions } from './records/dashboard.js';
export { exportRecords, type ExportFormat, type ExportOptions } from './records/export.js';
