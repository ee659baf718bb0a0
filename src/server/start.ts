/**
 * Starting and stopping one server instance: open the database, bring its schema up to date,
 * listen for new heads, serve HTTP. Used by `npm run server`, the tests and the benchmark alike.
 */
import type { AddressInfo } from 'node:net';
import { engine } from '../domain/process-engine.ts';
import type { ServerConfig } from './config.ts';
import { createSyncServer } from './http-server.ts';
import { LiveHeads } from './live-heads.ts';
import { LogStore } from './log-store.ts';
import type { Logger } from './logger.ts';
import { openDatabase, type SqlDatabase } from './storage/database.ts';
import { migrate } from './storage/migrate.ts';

export interface RunningServer {
  url: string;
  db: SqlDatabase;
  close(): Promise<void>;
}

export async function openMigrated(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>, poolSize?: number): Promise<SqlDatabase> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...(poolSize ? { poolSize } : {}) });
  const migrated = await migrate(db);
  if (!migrated.ok) {
    await db.close();
    throw new Error(`the database is at schema version ${migrated.version}; this server knows ${migrated.known}: update the server`);
  }
  return db;
}

export async function startServer(config: ServerConfig, logger: Logger, existing?: SqlDatabase): Promise<RunningServer> {
  const db = existing ?? (await openMigrated(config));
  const { heads, stop } = await LiveHeads.start(db);
  const server = createSyncServer({ store: new LogStore(db, engine()), live: heads, config, logger });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info('listening', { url, storage: db.kind });
  return {
    url,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stop();
      if (!existing) await db.close();
    },
  };
}
