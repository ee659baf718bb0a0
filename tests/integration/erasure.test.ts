/**
 * Erasing an evidence file on the device and in the audit trail: the erasure event and the
 * deletion of the bytes are one transaction; bytes another process still needs are kept (and
 * the caller is told which); a full disk leaves both the log and the file as they were. A bundle
 * with an erasure verifies intact in the CLI and in the independent Python verifier, which agree
 * on what was erased.
 */
import 'fake-indexeddb/auto';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allEvidence } from '../../machines/process/process.collections.ts';
import type { EventOf } from '../../machines/process/process.events.ts';
import { isErased } from '../../machines/process/process.queries.ts';
import { run } from '../../src/cli/main.ts';
import type { AnkerpunktDb, StoredFile } from '../../src/db/database.ts';
import { eraseEvidenceContent } from '../../src/db/erase.ts';
import { appendCommand, importLog, loadProcess } from '../../src/db/process-store.ts';
import { buildBundle, serializeBundle } from '../../src/domain/bundle.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { buildJobcenterDemo } from '../../src/domain/demo/jobcenter-demo.ts';
import {
  ambassadorSigner,
  demoDb,
  engine,
  fileEvidence,
  PROCESS_ID,
  reopen,
  replayedState,
  sha256,
  stateOf,
} from '../fixtures/db/demo-db.ts';
import { dumpTables } from '../fixtures/db/tables.ts';
import { relink, withEvents } from '../support/forgery.ts';
import { ProcessDriver } from '../support/process-driver.ts';

const P = PROCESS_ID;
const WHY = 'Teilnahmeliste mit Namen von Kund*innen versehentlich hochgeladen';

afterEach(() => {
  vi.restoreAllMocks();
});

function erasure(command: EventOf<'EvidenceAttached'>, at: string, personId = 'p-aydin'): EventOf<'EvidenceErased'> {
  const { evidenceId, content } = command.payload;
  return {
    type: 'EvidenceErased',
    id: `e-erase-${evidenceId}`,
    at,
    actor: { personId, role: 'ambassador' },
    payload: { evidenceId, revision: 1, sha256: content.sha256, reason: WHY },
  };
}

/** The demo in a database, with a file attached to it: what an erasure has to work on. */
async function withFile(text = 'Teilnahmeliste Schulung') {
  const { db, lastAt } = await demoDb();
  const { command, file } = fileEvidence(lastAt, text);
  const attached = await appendCommand(db, engine(), sha256, P, command, await ambassadorSigner(), [file]);
  if (!attached.ok) throw new Error(`attach refused: ${JSON.stringify(attached)}`);
  return { db, command, file, at: attached.event.at };
}

/** A second process on the same device (the test driver's), holding the same file. */
async function secondProcessWith(db: AnkerpunktDb, file: StoredFile) {
  const p = await ProcessDriver.open();
  const imported = await importLog(db, engine(), sha256, p.w.log.events);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported)}`);
  const command = p.evidenceCommand('protokoll', {
    content: { type: 'file', name: 'liste.pdf', mediaType: 'application/pdf', size: file.size, sha256: file.sha256 },
  });
  const signer = DemoWriter.signer(p.people.ikbo);
  const attached = await appendCommand(db, engine(), sha256, 'proc-test', command, signer, [file]);
  if (!attached.ok) throw new Error(`attach refused: ${JSON.stringify(attached)}`);
  return { command, at: attached.event.at, signer };
}

describe('erasing a stored evidence file', () => {
  it('records the erasure and deletes the bytes in the same transaction', async () => {
    const { db, command, file, at } = await withFile();
    expect(await db.files.get(file.sha256)).toMatchObject({ sha256: file.sha256, size: file.size });

    const out = await eraseEvidenceContent(db, engine(), sha256, P, erasure(command, at), await ambassadorSigner());

    expect(out).toMatchObject({ ok: true, file: 'deleted', keptFor: [] });
    const again = reopen(db);
    expect(await again.files.get(file.sha256)).toBeUndefined();
    const last = await again.events.where('[processId+seq]').between([P, 0], [P, Number.MAX_SAFE_INTEGER]).last();
    expect(last).toMatchObject({ type: 'EvidenceErased', payload: { sha256: file.sha256, reason: WHY } });
    // A reload shows the erasure, from the cache and by replay alike.
    const loaded = await loadProcess(again, engine(), P);
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(isErased(loaded.state.snapshot.context, command.payload.evidenceId, 1)).toBe(true);
    expect(stateOf(loaded.state.snapshot)).toEqual(await replayedState(again));
  });

  it('keeps the bytes while another process on the device still uses them, and says which', async () => {
    const { db, command, file, at } = await withFile();
    const other = await secondProcessWith(db, file);

    const first = await eraseEvidenceContent(db, engine(), sha256, P, erasure(command, at), await ambassadorSigner());

    expect(first).toMatchObject({ ok: true, file: 'kept', keptFor: [{ processId: 'proc-test', agencyName: 'Agentur für Arbeit Test' }] });
    expect(await db.files.get(file.sha256)).toMatchObject({ sha256: file.sha256, size: file.size });

    // Once the other process erases it too, nobody needs the bytes any more.
    const second = await eraseEvidenceContent(db, engine(), sha256, 'proc-test', erasure(other.command, other.at, 'p-ikbo'), other.signer);
    expect(second).toMatchObject({ ok: true, file: 'deleted', keptFor: [] });
    expect(await db.files.get(file.sha256)).toBeUndefined();
  });

  it('reports bytes that were never on this device as absent, and still records the erasure', async () => {
    const { db, command, file, at } = await withFile();
    await db.files.delete(file.sha256);
    const out = await eraseEvidenceContent(db, engine(), sha256, P, erasure(command, at), await ambassadorSigner());
    expect(out).toMatchObject({ ok: true, file: 'absent' });
  });

  it('changes nothing when the erasure is refused', async () => {
    const { db, command, at } = await withFile();
    const before = await dumpTables(db);
    const wrong = erasure(command, at);
    wrong.payload.revision = 2;

    const out = await eraseEvidenceContent(db, engine(), sha256, P, wrong, await ambassadorSigner());

    expect(out).toMatchObject({ ok: false, kind: 'refused', reasons: [{ code: 'revisionNotFound' }] });
    expect(await dumpTables(reopen(db))).toEqual(before);
  });

  const quota = () => Object.assign(new Error('abort'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') });
  it.each([
    ['deleting the file', (db: AnkerpunktDb) => vi.spyOn(db.files, 'bulkDelete').mockRejectedValue(quota())],
    ['writing the event', (db: AnkerpunktDb) => vi.spyOn(db.events, 'add').mockRejectedValue(quota())],
    ['writing the chain head', (db: AnkerpunktDb) => vi.spyOn(db.heads, 'put').mockRejectedValue(quota())],
  ])('a full disk while %s leaves both the log and the file unchanged', async (_what, fail) => {
    const { db, command, file, at } = await withFile();
    const before = await dumpTables(db);
    fail(db);

    const out = await eraseEvidenceContent(db, engine(), sha256, P, erasure(command, at), await ambassadorSigner());

    expect(out).toEqual({ ok: false, kind: 'storage', problem: { code: 'quota' } });
    vi.restoreAllMocks();
    expect(await dumpTables(reopen(db))).toEqual(before);
    expect(await reopen(db).files.get(file.sha256)).toMatchObject({ sha256: file.sha256, size: file.size });
  });
});

describe('a bundle with an erasure', () => {
  const hasPythonCryptography = (() => {
    try {
      execFileSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  async function erasedBundle() {
    const demo = await buildJobcenterDemo(engine(), sha256);
    const { writer, people } = demo;
    const file = allEvidence(writer.ctx)
      .flatMap((e) => e.revisions.map((r) => ({ evidenceId: e.evidenceId, rev: r })))
      .find(({ rev }) => rev.content.type === 'file');
    if (!file) throw new Error('the demo has no file evidence');
    await writer.record('EvidenceErased', people.ikbo, {
      evidenceId: file.evidenceId,
      revision: file.rev.revision,
      sha256: file.rev.content.sha256,
      reason: WHY,
    });
    const bundle = await buildBundle({
      engine: engine(),
      events: writer.log.events,
      snapshot: writer.log.snapshot,
      exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
    const dir = await mkdtemp(join(tmpdir(), 'ankerpunkt-erased-'));
    const path = join(dir, 'erased.json');
    await writeFile(path, serializeBundle(bundle));
    return { bundle, path, dir, file, people };
  }

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('verifies intact in the CLI, which names the erased file as erased, not missing', async () => {
    const { path, file } = await erasedBundle();
    const de = await cli('verify', path);
    expect(de.code).toBe(0);
    const lines = de.out.split('\n');
    expect(lines[0]).toMatch(/^INTAKT: .* 161 Ereignisse/);
    const at = lines.findIndex((line) => /^Gelöschte Dateiinhalte \(1\)/.test(line));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toContain(`SHA-256 ${file.rev.content.sha256}): gelöscht (Löschung protokolliert am `);
    expect(lines[at + 1]).toContain(WHY);
    const en = await cli('verify', path, '--lang', 'en');
    expect(en.out).toContain('erased (erasure logged on ');
  });

  it.skipIf(!hasPythonCryptography)('verifies intact in the Python verifier too, which lists the same erasure', async () => {
    const { path, file, bundle, dir, people } = await erasedBundle();
    const script = new URL('../../docs/examples/verify_bundle.py', import.meta.url).pathname;
    const python = (target: string) => promisify(execFile)('python3', [script, target]).catch((e) => e);
    const intact = await python(path);
    expect(intact.stdout).toMatch(/^intact: 161 events/);
    const erasedEvent = bundle.events.at(-1);
    expect(intact.stdout).toContain(
      `erased: evidence ${file.evidenceId} revision ${file.rev.revision} sha256 ${file.rev.content.sha256} (erasure logged at ${erasedEvent?.at})`,
    );

    // The ambassador herself rewrites the erasure to name other bytes, re-signs it and the head
    // with her own key: both verifiers refuse it by the erasure rule.
    const events = structuredClone(bundle.events);
    const last = events.at(-1);
    if (last?.type !== 'EvidenceErased') throw new Error('unreachable');
    last.payload.sha256 = 'f'.repeat(64);
    const resigned = await relink(events, events.length - 1, () => people.ikbo.key);
    const forged = await withEvents(bundle, resigned, people.ikbo.key);
    const forgedPath = join(dir, 'forged.json');
    await writeFile(forgedPath, JSON.stringify(forged));
    const refused = await python(forgedPath);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('(EvidenceErased): erasure names no recorded file revision');
    const ours = await cli('verify', forgedPath);
    expect(ours.code).toBe(1);
    expect(ours.err).toMatch(/Ereignis 161 \(EvidenceErased.*Prüfsumme ist nicht die von Fassung/);
  });
});
