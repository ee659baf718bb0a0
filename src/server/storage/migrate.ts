/**
 * The one set of schema migrations, for PostgreSQL and PGlite alike: `migrations/NNN_name.sql`,
 * numbered from 1 without gaps. Every pending one is applied in a single transaction with its
 * row in `schema_migrations`, so an upgrade that fails leaves the database at its old version.
 * An advisory lock lets two servers start on one database at once: the second waits, then finds
 * nothing left to do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
/** Any constant; it names this application's lock among others on the same database. */
const MIGRATION_LOCK = 4_261_337;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(): Migration[] {
  const found = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.slice(4, -4), sql: readFileSync(MIGRATIONS_DIR + file, 'utf8') }));
  found.forEach((migration, i) => {
    if (migration.version !== i + 1) throw new Error(`migration ${migration.name}: expected number ${i + 1}, found ${migration.version}`);
  });
  return found;
}

export const LATEST_SCHEMA_VERSION = migrations().length;

export type MigrationResult =
  | { ok: true; from: number; to: number; applied: string[] }
  /** The database was written by a newer server: this one must not touch it. */
  | { ok: false; code: 'databaseTooNew'; version: number; known: number };

/** Brings the schema to `target` (the latest by default). */
export async function migrate(db: SqlDatabase, target = LATEST_SCHEMA_VERSION): Promise<MigrationResult> {
  const all = migrations();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const from = rows[0]?.version ?? 0;
    if (from > all.length) return { ok: false, code: 'databaseTooNew', version: from, known: all.length };
    const pending = all.filter((m) => m.version > from && m.version <= target);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return { ok: true, from, to: Math.max(from, ...pending.map((m) => m.version)), applied: pending.map((m) => m.name) };
  });
}
