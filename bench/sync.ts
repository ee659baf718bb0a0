/**
 * The sync server under load on loopback, on a real PostgreSQL (a throwaway cluster; skipped with
 * a message where PostgreSQL is not installed): 50 processes, 4 clients each, every client
 * appending evidence to its process for a bounded time and rebasing when another got there first.
 * The server runs as its own process (`npm run server`), the clients here.
 *
 *   events/s, p50/p95 push latency   of accepted pushes (and of all answers)
 *   forks                            acknowledged events whose place holds another event (must be 0)
 *   missing                          acknowledged events not in the database (must be 0)
 *   every log read back from the database and verified as `ankerpunkt verify` does
 *
 * beside a baseline of bare INSERTs of the same rows, on the same database, with as many writers.
 * Run with `npx tsx bench/sync.ts`; never part of `npm test`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { ProcessCommand } from '../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../machines/process/process.explain.ts';
import { postgresBinaries, startThrowawayCluster } from '../scripts/throwaway-postgres.ts';
import { prepareAppend } from '../src/domain/append.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { DemoWriter, type ScriptPerson } from '../src/domain/demo/demo-writer.ts';
import { engine } from '../src/domain/process-engine.ts';
import { replay } from '../src/domain/replay.ts';
import { SyncClient } from '../src/domain/sync/client.ts';
import type { Head } from '../src/domain/sync/protocol.ts';
import { verifyEvents } from '../src/domain/verify.ts';
import { createInvitation } from '../src/server/invitations.ts';
import { openMigrated } from '../src/server/start.ts';
import type { SqlDatabase } from '../src/server/storage/database.ts';

const PROCESSES = 50;
const CLIENTS_PER_PROCESS = 4;
const SECONDS = 10;

const eng = engine();
const sha256 = nodeSha256Hex;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function serverProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ANKERPUNKT_RATE_PER_SECOND: '100000',
      ANKERPUNKT_RATE_BURST: '100000',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 400; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** A process opened by the ambassador, with the log to push. */
async function openProcess(processId: string, ambassador: ScriptPerson): Promise<DemoWriter> {
  const w = new DemoWriter(eng, sha256, '2024-01-15T08:00:00.000Z');
  const { template, catalog } = eng.rulebook;
  await w.record('ProcessOpened', ambassador, {
    processId,
    agency: { name: `Agentur ${processId}`, type: 'AA', region: 'Bench' },
    templateVersion: template.version,
    catalogVersion: catalog.version,
    startedOn: '2024-01-15',
    founder: w.registration(ambassador),
  });
  return w;
}

function evidenceCommand(snapshot: ProcessSnapshot, ambassador: ScriptPerson, id: string): ProcessCommand {
  const at = new Date(new Date(snapshot.context.lastAt).getTime() + 1000).toISOString();
  const url = `https://intranet.example/${id}`;
  return {
    type: 'EvidenceAttached',
    id,
    at,
    actor: { personId: ambassador.personId, role: 'ambassador' },
    payload: {
      evidenceId: `n-${id}`,
      kind: 'kontrakt',
      title: `Nachweis ${id}`,
      documentDate: at.slice(0, 10),
      reviewBy: null,
      proves: { stage: snapshot.context.stage, measureId: null, standardIds: [] },
      content: { type: 'link', url, sha256: createHash('sha256').update(url).digest('hex') },
    },
  } as ProcessCommand;
}

interface Tally {
  accepted: number[];
  all: number[];
  rebases: number;
  acknowledged: LoggedEvent[];
  processOf: Map<string, string>;
}

async function client(
  url: string,
  processId: string,
  n: number,
  ambassador: ScriptPerson,
  start: { snapshot: ProcessSnapshot; head: Head },
  until: number,
  tally: Tally,
) {
  const sync = new SyncClient({ baseUrl: url, key: ambassador.key, sha256 });
  let { snapshot, head } = start;
  let counter = 0;
  while (performance.now() < until) {
    const id = `e-${processId}-${n}-${++counter}`;
    const prepared = await prepareAppend(
      eng,
      snapshot,
      head,
      evidenceCommand(snapshot, ambassador, id),
      sha256,
      DemoWriter.signer(ambassador),
    );
    if (!prepared.accepted) throw new Error(`client refused its own event: ${JSON.stringify(prepared.reasons)}`);
    const t = performance.now();
    const pushed = await sync.push(processId, head, [prepared.event]);
    const ms = performance.now() - t;
    tally.all.push(ms);
    if (pushed.ok) {
      tally.accepted.push(ms);
      tally.acknowledged.push(prepared.event);
      tally.processOf.set(prepared.event.id, processId);
      snapshot = prepared.snapshot;
      head = pushed.value.head;
      continue;
    }
    if (pushed.error !== 'headMoved') throw new Error(`push failed: ${pushed.status} ${pushed.error}`);
    // Rebase: pull what the others appended, run it through the machine, build on the new head.
    tally.rebases++;
    const pulled = await sync.pull(processId, head.seq);
    if (!pulled.ok) throw new Error(`pull failed: ${pulled.error}`);
    snapshot = replay(eng, pulled.value.events, snapshot);
    head = pulled.value.head;
  }
}

async function storedLogs(db: SqlDatabase): Promise<Map<string, LoggedEvent[]>> {
  const { rows } = await db.query<{ process_id: string; body: string }>('SELECT process_id, body FROM events ORDER BY process_id, seq');
  const logs = new Map<string, LoggedEvent[]>();
  for (const row of rows) {
    const log = logs.get(row.process_id) ?? [];
    log.push(JSON.parse(row.body) as LoggedEvent);
    logs.set(row.process_id, log);
  }
  return logs;
}

/** The same rows as bare INSERTs, one per statement, with as many concurrent writers as clients. */
async function bareInserts(db: SqlDatabase, rows: { processId: string; event: LoggedEvent }[], writers: number) {
  await db.exec(
    `CREATE TABLE bench_events (process_id text, seq integer, event_id text, hash text, body text, PRIMARY KEY (process_id, seq))`,
  );
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < rows.length) {
        const { processId, event } = rows[next++] as { processId: string; event: LoggedEvent };
        const t = performance.now();
        await db.query('INSERT INTO bench_events VALUES ($1, $2, $3, $4, $5)', [
          processId,
          event.seq,
          event.id,
          event.hash,
          JSON.stringify(event),
        ]);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const bin = postgresBinaries();
  if (!bin) {
    console.log('sync bench skipped: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)');
    return;
  }
  const cluster = await startThrowawayCluster(bin);
  let server: ChildProcess | undefined;
  try {
    const db = await openMigrated({ databaseUrl: cluster.databaseUrl, dataDir: '' }, 10);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await serverProcess(cluster.databaseUrl, port);

    const ambassador = await DemoWriter.person('p-ikbo', 'Leyla Aydın', ['ambassador'], 'Agentur');
    const starts: { processId: string; snapshot: ProcessSnapshot; head: Head }[] = [];
    for (let i = 0; i < PROCESSES; i++) {
      const processId = `bench-${String(i).padStart(2, '0')}`;
      const w = await openProcess(processId, ambassador);
      const code = (await createInvitation(db)).code;
      const opened = await new SyncClient({ baseUrl: url, key: ambassador.key, sha256 }).push(processId, null, w.log.events, code);
      if (!opened.ok) throw new Error(`opening ${processId}: ${opened.error}`);
      starts.push({ processId, snapshot: w.log.snapshot, head: opened.value.head });
    }

    const tally: Tally = { accepted: [], all: [], rebases: 0, acknowledged: [], processOf: new Map() };
    const t0 = performance.now();
    const until = t0 + SECONDS * 1000;
    await Promise.all(
      starts.flatMap((s) =>
        Array.from({ length: CLIENTS_PER_PROCESS }, (_, n) => client(url, s.processId, n, ambassador, s, until, tally)),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;

    // Read every log back from the database: verified, and every acknowledged event in its place.
    const logs = await storedLogs(db);
    let broken = 0;
    for (const log of logs.values()) if (!(await verifyEvents(eng, log, sha256)).ok) broken++;
    let forks = 0;
    let missing = 0;
    for (const event of tally.acknowledged) {
      const there = logs.get(tally.processOf.get(event.id) as string)?.[event.seq - 1];
      if (!there) missing++;
      else if (there.hash !== event.hash) forks++;
    }
    const accepted = [...tally.accepted].sort((a, b) => a - b);
    const all = [...tally.all].sort((a, b) => a - b);

    const rows = [...logs].flatMap(([processId, log]) => log.map((event) => ({ processId, event })));
    const bare = await bareInserts(db, rows, PROCESSES * CLIENTS_PER_PROCESS);
    await db.close();

    const perSecond = tally.acknowledged.length / seconds;
    const barePerSecond = rows.length / bare.seconds;
    console.log(`\nsync server on PostgreSQL, loopback: ${PROCESSES} processes x ${CLIENTS_PER_PROCESS} clients, ${SECONDS} s`);
    console.log(
      `  events acknowledged      ${tally.acknowledged.length} (${perSecond.toFixed(0)} events/s), rebases after 409: ${tally.rebases}`,
    );
    console.log(`  push latency accepted    p50 ${percentile(accepted, 50).toFixed(1)} ms, p95 ${percentile(accepted, 95).toFixed(1)} ms`);
    console.log(`  push latency all answers p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms`);
    console.log(`  forks ${forks} (must be 0), acknowledged missing ${missing} (must be 0), logs failing verify ${broken} of ${logs.size}`);
    console.log(
      `  baseline: bare INSERT of the same ${rows.length} rows, ${PROCESSES * CLIENTS_PER_PROCESS} writers: ${barePerSecond.toFixed(0)} rows/s, ` +
        `p50 ${percentile(bare.latencies, 50).toFixed(1)} ms, p95 ${percentile(bare.latencies, 95).toFixed(1)} ms; ` +
        `server at ${((perSecond / barePerSecond) * 100).toFixed(0)} % of it`,
    );
    if (forks > 0 || missing > 0 || broken > 0) process.exitCode = 1;
  } finally {
    server?.kill('SIGKILL');
    cluster.stop();
  }
}

await main();
