/**
 * `npm run server`: the sync server (docs/sync-server.md).
 *
 *   npm run server                  serve (PORT, HOST, DATABASE_URL or ANKERPUNKT_SERVER_DATA)
 *   npm run server -- invite [DAYS] print a one-time invitation code for a new process
 *   npm run server -- migrate       bring the database schema up to date and exit
 */
import { configFromEnv } from './config.ts';
import { createInvitation } from './invitations.ts';
import { jsonLogger } from './logger.ts';
import { openMigrated, startServer } from './start.ts';

async function main(args: string[]): Promise<number> {
  const config = configFromEnv();
  const logger = jsonLogger();
  const [command = 'serve', ...rest] = args;
  if (command === 'invite') {
    const days = rest[0] === undefined ? undefined : Number(rest[0]);
    if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 365)) {
      process.stderr.write('invite: DAYS must be a whole number from 1 to 365\n');
      return 2;
    }
    const db = await openMigrated(config);
    const { code, expiresAt } = await createInvitation(db, days);
    await db.close();
    process.stdout.write(`${code}\n`);
    process.stderr.write(`Einladungscode, einmal gültig bis ${expiresAt} / invitation code, valid once until ${expiresAt}\n`);
    return 0;
  }
  if (command === 'migrate') {
    const db = await openMigrated(config);
    await db.close();
    logger.info('schema up to date');
    return 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`unknown command ${command}: use serve, invite or migrate\n`);
    return 2;
  }
  const server = await startServer(config, logger);
  const shutdown = (signal: string) => {
    logger.info('stopping', { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return -1; // keeps running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    jsonLogger().error('server failed to start', { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
