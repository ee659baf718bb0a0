/**
 * Sign-off signatures per second, beside bare WebCrypto ECDSA P-256 (SHA-256) over a byte
 * string of the same length, as a ratio. Medians of several runs; run with
 * `npx tsx bench/signing.ts`. Never part of `npm test`.
 *
 *   sign statement     canonicalise the sign-off statement + sign + base64url   vs. bare sign
 *   verify statement   canonicalise + verify (public key import cached)          vs. bare verify
 *   sign decision      rebuild the statement from the state, then sign it        vs. bare sign
 *   check decision     what an import checks cryptographically (cryptoReasons)  vs. bare verify
 */

import { canonicalBytes } from '../src/domain/crypto/canonical-json.ts';
import { fromBase64Url } from '../src/domain/crypto/encoding.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { DemoWriter } from '../src/domain/demo/demo-writer.ts';
import { sealAndSign } from '../src/domain/event-signature.ts';
import { cryptoReasons, engine, statementFor } from '../src/domain/process-engine.ts';
import { signDecision, signOffDecisionCommand } from '../src/domain/signoff-commands.ts';
import { signStatement, verifyStatement } from '../src/domain/statements.ts';

const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const OPS = 400;
const RUNS = 9;

interface Row {
  name: string;
  perSecond: number;
  baselineName: string;
  baselinePerSecond: number;
}

async function timeRun(op: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < OPS; i++) await op();
  return performance.now() - start;
}

const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

/**
 * Operations per second of `ours` and of `bare`, measured in alternating runs so that a busy
 * machine slows both alike; the median run of each.
 */
async function paired(ours: () => Promise<unknown>, bare: () => Promise<unknown>): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    b.push(await timeRun(bare));
    a.push(await timeRun(ours));
  }
  return [OPS / (medianOf(a) / 1000), OPS / (medianOf(b) / 1000)];
}

/** A process with an open request for the managing director: what a director signs on. */
async function pendingRequest() {
  const w = new DemoWriter(engine(), nodeSha256Hex, '2027-01-11T08:00:00.000Z');
  const ikbo = await DemoWriter.person('p-ikbo', 'Leyla Aydın', ['ambassador'], 'Migrationsbeauftragte');
  const gf = await DemoWriter.person('p-gf', 'Thomas Berger', ['managingDirector'], 'Geschäftsführung');
  const { template, catalog } = w.engine.rulebook;
  await w.record('ProcessOpened', ikbo, {
    processId: 'bench-signing',
    agency: { name: 'Agentur für Arbeit Reutlingen', type: 'AA', region: 'Baden-Württemberg' },
    templateVersion: template.version,
    catalogVersion: catalog.version,
    startedOn: '2027-01-11',
    founder: w.registration(ikbo),
  });
  await w.register(ikbo, gf);
  await w.attach(ikbo, {
    kind: 'kontrakt',
    title: 'Kontrakt DIKÖ 2027',
    proves: { stage: 'mandate' },
    note: 'Ziele, Rolle der IKBO, Zeitanteil 20 %.',
  });
  const requestId = await w.requestSignOff(ikbo);
  const snapshot = w.log.snapshot;
  const at = snapshot.context.lastAt;
  const decision = await signOffDecisionCommand(snapshot, {
    id: 'e-bench',
    at,
    signedAt: at,
    actor: { personId: gf.personId, role: 'managingDirector' },
    key: gf.key,
    requestId,
    decision: 'refused',
    comment: 'Der Zeitanteil der IKBO fehlt im Kontrakt; bitte ergänzen und erneut vorlegen.',
  });
  return { snapshot, decision, gf };
}

async function main(): Promise<void> {
  const { snapshot, decision, gf } = await pendingRequest();
  const statement = statementFor(snapshot, decision);
  if (!statement) throw new Error('no statement');
  const bytes = canonicalBytes(statement) as Uint8Array<ArrayBuffer>;
  // The baseline signs a byte string of the same length, already encoded.
  const same = new Uint8Array(bytes.length).fill(0x61);
  const publicKey = await crypto.subtle.importKey(
    'raw',
    fromBase64Url(gf.key.record.publicKey) as Uint8Array<ArrayBuffer>,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const bareSignature = await crypto.subtle.sign(SIGNING, gf.key.privateKey, same);
  const signature = decision.payload.signature;
  if (!(await verifyStatement(gf.key.record.publicKey, statement, signature))) throw new Error('signature does not verify');
  if ((await cryptoReasons(snapshot, decision, nodeSha256Hex)).length > 0) throw new Error('decision refused');

  // Warm up WebCrypto and the JIT before measuring.
  for (let i = 0; i < 50; i++) {
    await crypto.subtle.sign(SIGNING, gf.key.privateKey, same);
    await signStatement(gf.key.privateKey, statement);
  }

  const head = { seq: snapshot.context.eventCount, hash: 'f'.repeat(64) };
  const signer = { personId: gf.personId, key: gf.key };
  const bareSign = () => crypto.subtle.sign(SIGNING, gf.key.privateKey, same);
  const bareVerify = () => crypto.subtle.verify(SIGNING, publicKey, bareSignature, same);
  const measures: [string, () => Promise<unknown>, string, () => Promise<unknown>][] = [
    ['sign statement', () => signStatement(gf.key.privateKey, statement), 'bare ECDSA P-256 sign', bareSign],
    ['verify statement', () => verifyStatement(gf.key.record.publicKey, statement, signature), 'bare ECDSA P-256 verify', bareVerify],
    ['sign decision (from state)', () => signDecision(snapshot, decision, gf.key.privateKey), 'bare ECDSA P-256 sign', bareSign],
    ['check decision (cryptoReasons)', () => cryptoReasons(snapshot, decision, nodeSha256Hex), 'bare ECDSA P-256 verify', bareVerify],
    // What every append now adds: sealing the event and signing its hash (format 2).
    [
      'seal + sign an event (append)',
      () => sealAndSign(snapshot, decision, head, nodeSha256Hex, signer),
      'bare ECDSA P-256 sign',
      bareSign,
    ],
  ];
  const rows: Row[] = [];
  for (const [name, ours, baselineName, bare] of measures) {
    const [perSecond, baselinePerSecond] = await paired(ours, bare);
    rows.push({ name, perSecond, baselineName, baselinePerSecond });
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  const fmt = (n: number) => `${Math.round(n).toLocaleString('en-GB')} /s`;
  console.log(`\nsign-off statement: ${bytes.length} bytes of canonical JSON; ${RUNS} runs of ${OPS} operations, medians`);
  console.log(`\n${pad('measure', 34)}${pad('rate', 14)}${pad('baseline (same-size bytes)', 30)}${pad('rate', 14)}ratio`);
  for (const r of rows) {
    console.log(
      `${pad(r.name, 34)}${pad(fmt(r.perSecond), 14)}${pad(r.baselineName, 30)}${pad(fmt(r.baselinePerSecond), 14)}${(r.baselinePerSecond / r.perSecond).toFixed(2)}x`,
    );
  }
}

await main();
