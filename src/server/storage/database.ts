/**
 * The one storage interface of the sync server, over PostgreSQL (node-postgres) and embedded
 * PGlite. Everything the server stores goes through `query` and `transaction` with plain SQL,
 * so both run the same statements and the same migrations; only opening and closing differ.
 */

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows changed by INSERT, UPDATE or DELETE. */
  affected: number;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /** Several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Calls `onMessage` for every NOTIFY on `channel`, from any connection; returns the stop. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL's error code, when the error came from the database. */
export function sqlStateOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** Another transaction wrote the same key first (unique or primary key). */
export const UNIQUE_VIOLATION = '23505';

export interface OpenOptions {
  /** postgres://… to use PostgreSQL; without it, embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite's folder, or `memory://` for a database that lives only as long as the process. */
  dataDir?: string;
  /** Connections of the pool (PostgreSQL only). */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<SqlDatabase> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  }
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite(options.dataDir ?? './.ankerpunkt-server');
}
