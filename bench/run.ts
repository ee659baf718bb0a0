import { assign, initialTransition, setup, transition } from 'xstate';
import { prepareAppend } from '../src/domain/append.ts';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import { type ChainHead, chainProblem, type LoggedEvent } from '../src/domain/chain.ts';
import { utf8 } from '../src/domain/crypto/encoding.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { DemoWriter } from '../src/domain/demo/demo-writer.ts';
import { engine } from '../src/domain/process-engine.ts';
import { replay } from '../src/domain/replay.ts';
import { verifyBundleBytes, verifyEvents } from '../src/domain/verify.ts';
import { bareSha, bareTransitions, hashedBytes, median, rawVerifySteps } from './baselines.ts';
import { syntheticLog } from './synthetic-log.ts';

interface Row {
  name: string;
  ms: number;
  baselineName: string;
  baselineMs: number;
}
const rows: Row[] = [];

async function verifyChain(events: readonly LoggedEvent[]): Promise<void> {
  let previous: ChainHead | null = null;
  const ids = new Set<string>();
  for (const event of events) {
    if (await chainProblem(event, previous, ids, nodeSha256Hex)) throw new Error('chain broken');
    previous = event;
  }
}

/** The cheapest machine XState can run: one state, one counting self-transition. */
const trivialMachine = setup({ types: { context: {} as { n: number } } }).createMachine({
  context: { n: 0 },
  on: { '*': { actions: assign({ n: ({ context }) => context.n + 1 }) } },
});

function trivialTransitions(events: readonly LoggedEvent[]): void {
  let snapshot = initialTransition(trivialMachine)[0];
  for (const event of events) snapshot = transition(trivialMachine, snapshot, event as never)[0];
}

/** How much longer 100,000 events take than 10,000, for each figure and its baseline: 10x is linear. */
function growth(): void {
  const at = (name: string, n: number) => rows.find((r) => r.name === `${name} ${n.toLocaleString('en')} events`);
  console.log('\ngrowth, 100,000 vs 10,000 events (10x is linear)');
  for (const name of ['replay', 'verify chain']) {
    const small = at(name, 10_000);
    const big = at(name, 100_000);
    if (!small || !big) continue;
    const ours = (big.ms / small.ms).toFixed(1);
    const base = (big.baselineMs / small.baselineMs).toFixed(1);
    console.log(`${name.padEnd(34)}${ours}x   ${small.baselineName}: ${base}x`);
  }
}

function report(): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const fmt = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
  console.log(`\n${pad('measure', 34)}${pad('time', 12)}${pad('baseline', 44)}${pad('time', 12)}ratio`);
  for (const r of rows) {
    console.log(
      `${pad(r.name, 34)}${pad(fmt(r.ms), 12)}${pad(r.baselineName, 44)}${pad(fmt(r.baselineMs), 12)}${(r.ms / r.baselineMs).toFixed(2)}x`,
    );
  }
}

async function main(): Promise<void> {
  const eng = engine();
  console.log('generating logs (demo process plus synthetic yearly cycles)…');
  const t0 = performance.now();
  const { events: big, people } = await syntheticLog(100_000, nodeSha256Hex);
  const exporter = { personId: people.ikbo.personId, key: people.ikbo.key };
  console.log(`100,000 events generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sizes = [10_000, 100_000];

  for (const n of sizes) {
    const events = big.slice(0, n);
    const runs = n > 20_000 ? 3 : 7;
    const ours = await median(runs, () => replay(eng, events));
    const bare = await median(runs, () => bareTransitions(events));
    rows.push({
      name: `replay ${n.toLocaleString('en')} events`,
      ms: ours,
      baselineName: 'bare XState transition(), same events',
      baselineMs: bare,
    });
    const floor = await median(runs, () => trivialTransitions(events));
    rows.push({ name: `  (same, rules' share)`, ms: ours, baselineName: 'transition() of a trivial 1-state machine', baselineMs: floor });
  }

  for (const n of sizes) {
    const events = big.slice(0, n);
    const bytes = hashedBytes(events);
    const runs = n > 20_000 ? 3 : 7;
    const ours = await median(runs, () => verifyChain(events));
    const bare = await median(runs, () => bareSha(bytes));
    rows.push({
      name: `verify chain ${n.toLocaleString('en')} events`,
      ms: ours,
      baselineName: 'bare SHA-256 (node:crypto), same bytes',
      baselineMs: bare,
    });
  }

  // A full bundle: parse, schema, chain, signatures, replay, head.
  for (const n of [10_000]) {
    const events = big.slice(0, n);
    const snapshot = replay(eng, events);
    const bundle = await buildBundle({ engine: eng, events, snapshot, exporter, exportedAt: new Date().toISOString() });
    const text = serializeBundle(bundle);
    const fileBytes = utf8(text);
    const exportMs = await median(5, async () =>
      serializeBundle(await buildBundle({ engine: eng, events, snapshot, exporter, exportedAt: new Date().toISOString() })),
    );
    const stringify = await median(5, () => JSON.stringify(events, null, 2));
    rows.push({
      name: `export bundle ${n.toLocaleString('en')} events`,
      ms: exportMs,
      baselineName: 'JSON.stringify of the same events',
      baselineMs: stringify,
    });
    const verifyMs = await median(3, async () => {
      const verdict = await verifyBundleBytes(eng, fileBytes, nodeSha256Hex);
      if (verdict.status !== 'intact') throw new Error(`bench bundle not intact: ${JSON.stringify(verdict)}`);
    });
    const rawSteps = await rawVerifySteps(text, events, snapshot);
    const raw = await median(3, rawSteps.run);
    rows.push({
      name: `verify bundle ${n.toLocaleString('en')} events`,
      ms: verifyMs,
      baselineName: `parse + SHA-256 + ${rawSteps.signatures} ECDSA + transition()`,
      baselineMs: raw,
    });
    // The walk alone (chain, every event's signature, rules) against its unavoidable cryptography.
    const walkMs = await median(3, async () => {
      const walked = await verifyEvents(eng, events, nodeSha256Hex);
      if (!walked.ok) throw new Error('bench log broken');
    });
    const cryptoMs = await median(3, rawSteps.crypto);
    rows.push({
      name: `verify ${n.toLocaleString('en')} signed events`,
      ms: walkMs,
      baselineName: `${rawSteps.signatures} bare ECDSA verify + SHA-256`,
      baselineMs: cryptoMs,
    });
    console.log(`bundle of ${n} events: ${(fileBytes.length / 1e6).toFixed(1)} MB`);
  }

  // One append at the end of a 10,000-event log.
  {
    const events = big.slice(0, 10_000);
    const snapshot = replay(eng, events);
    const last = events[events.length - 1] as LoggedEvent;
    const head = { seq: last.seq, hash: last.hash };
    const command = {
      type: 'EvidenceAttached' as const,
      id: 'bench-append',
      at: snapshot.context.lastAt,
      actor: { personId: 'p-aydin', role: 'ambassador' as const },
      payload: {
        evidenceId: 'bench-evidence',
        kind: 'protokoll',
        title: 'Protokoll',
        documentDate: snapshot.context.lastAt.slice(0, 10),
        reviewBy: null,
        proves: { stage: null, measureId: null, standardIds: [] },
        content: { type: 'file' as const, name: 'p.pdf', mediaType: 'application/pdf', size: 1, sha256: 'a'.repeat(64) },
      },
    };
    const signer = DemoWriter.signer(people.ikbo);
    const loops = 200;
    const ours = await median(5, async () => {
      for (let i = 0; i < loops; i++) {
        const r = await prepareAppend(eng, snapshot, head, command, nodeSha256Hex, signer);
        if (!r.accepted) throw new Error(JSON.stringify(r.reasons));
      }
    });
    const sealed = (await prepareAppend(eng, snapshot, head, command, nodeSha256Hex, signer)) as { event: LoggedEvent };
    const bare = await median(5, () => {
      for (let i = 0; i < loops; i++) transition(eng.machine, snapshot, sealed.event);
    });
    rows.push({
      name: 'prepare one append (10k log)',
      ms: ours / loops,
      baselineName: 'one bare XState transition()',
      baselineMs: bare / loops,
    });
  }
  report();
  growth();
}

await main();
