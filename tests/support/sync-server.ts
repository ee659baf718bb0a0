/**
 * The sync server under test, on both storages: embedded PGlite, and a real PostgreSQL, either
 * the one ANKERPUNKT_TEST_DATABASE_URL names or a throwaway cluster started for the test file
 * (scripts/throwaway-postgres.ts). Where PostgreSQL is not installed its tests are skipped with a
 * message, except on CI (CI=true), where .ci/run installs it and a missing one is a failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { postgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../scripts/throwaway-postgres.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import type { SigningKey } from '../../src/domain/crypto/keys.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { SyncClient } from '../../src/domain/sync/client.ts';
import type { ServerConfig } from '../../src/server/config.ts';
import { createInvitation } from '../../src/server/invitations.ts';
import { silentLogger } from '../../src/server/logger.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { openDatabase, type SqlDatabase } from '../../src/server/storage/database.ts';
import { migrate } from '../../src/server/storage/migrate.ts';

export type Backend = 'pglite' | 'postgres';

const binaries = postgresBinaries();
const givenUrl = process.env.ANKERPUNKT_TEST_DATABASE_URL;

/** The storages to run against here: PostgreSQL whenever it can be had. */
export function backends(): Backend[] {
  if (givenUrl || binaries) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('PostgreSQL is not installed: .ci/run installs it for the sync tests');
  console.warn('sync tests: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); running on PGlite only');
  return ['pglite'];
}

let cluster: Promise<ThrowawayCluster | null> | undefined;

/** The server URL of the PostgreSQL the tests use (started once per test file). */
export async function postgresUrl(): Promise<string> {
  if (givenUrl) return givenUrl;
  cluster ??= startThrowawayCluster(binaries as string);
  return ((await cluster) as ThrowawayCluster).databaseUrl;
}

let pglite: Promise<SqlDatabase> | undefined;

/** Stops what the test file started: the PostgreSQL cluster and the shared PGlite. */
export async function stopTestDatabases(): Promise<void> {
  const started = await cluster;
  cluster = undefined;
  started?.stop();
  const shared = await pglite;
  pglite = undefined;
  await (shared as { reallyClose?: () => Promise<void> } | undefined)?.reallyClose?.();
}

/**
 * One PGlite per test file, emptied for each use: starting PGlite's WebAssembly takes seconds
 * on a busy machine, dropping the schema a few milliseconds. Its `close` only lets it be reused.
 */
async function emptyPglite(): Promise<SqlDatabase> {
  pglite ??= openDatabase({ dataDir: 'memory://' }).then((db) => ({
    ...db,
    close: async () => {},
    reallyClose: () => db.close(),
  }));
  const db = await pglite;
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  return db;
}

/** A connection string for a new, empty database on the test PostgreSQL. */
export async function freshPostgresDatabase(): Promise<string> {
  const url = await postgresUrl();
  const name = `sync_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = new URL(url);
  database.pathname = `/${name}`;
  return database.toString();
}

/** An empty database of that kind, not migrated. */
export async function emptyDatabase(backend: Backend): Promise<{ db: SqlDatabase; url: string | undefined }> {
  if (backend === 'pglite') return { db: await emptyPglite(), url: undefined };
  const url = await freshPostgresDatabase();
  return { db: await openDatabase({ databaseUrl: url }), url };
}

export const TEST_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 0,
  databaseUrl: undefined,
  dataDir: 'memory://',
  maxBodyBytes: 256 * 1024,
  rateLimit: { rate: 1000, burst: 1000 },
  maxStreamsPerKey: 8,
  trustProxy: false,
  corsOrigins: ['https://app.example'],
};

export interface TestServer extends RunningServer {
  invite(): Promise<string>;
  client(key: SigningKey): SyncClient;
}

/** A server on a fresh, migrated database of that kind. */
export async function testServer(backend: Backend, config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const { db, url } = await emptyDatabase(backend);
  const migrated = await migrate(db);
  if (!migrated.ok) throw new Error('the test database is newer than the server');
  return serverOn(db, { ...config, databaseUrl: url });
}

/** Another server instance on a database already there (what a second machine would run). */
export async function serverOn(db: SqlDatabase, config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const running = await startServer({ ...TEST_CONFIG, ...config }, silentLogger, db);
  return {
    ...running,
    async close() {
      await running.close();
      await db.close();
    },
    invite: async () => (await createInvitation(db)).code,
    client: (key) => new SyncClient({ baseUrl: running.url, key, sha256: nodeSha256Hex }),
  };
}

/** A request by hand, for the attacks the client would never make. */
export async function rawRequest(
  url: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url + path, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body as BodyInit }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The stored log of a process, read back from the database, oldest first. */
export async function storedLog(db: SqlDatabase, processId: string): Promise<LoggedEvent[]> {
  const { rows } = await db.query<{ body: string }>('SELECT body FROM events WHERE process_id = $1 ORDER BY seq', [processId]);
  return rows.map((r) => JSON.parse(r.body) as LoggedEvent);
}

/** Follows a process's live stream; `seen(n)` resolves once n heads have arrived. */
export function followLive(client: SyncClient, processId: string) {
  const heads: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const abort = new AbortController();
  const done = client.live(
    processId,
    (notice) => {
      heads.push(notice.head.seq);
      for (const waiter of waiters) if (heads.length >= waiter.count) waiter.resolve();
    },
    abort.signal,
  );
  return {
    heads,
    seen: (count: number) =>
      new Promise<void>((resolve) => {
        if (heads.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    async stop() {
      abort.abort();
      await done;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `npm run server` as its own process, ready when its health check answers. */
export async function serverProcess(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ANKERPUNKT_RATE_PER_SECOND: '10000',
      ANKERPUNKT_RATE_BURST: '10000',
      ...env,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}
