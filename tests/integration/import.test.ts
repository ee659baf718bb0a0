import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { importProblemText } from '../../src/app/verify/import-text.ts';
import { BACKUP_FORMAT, createBackup, restoreBackup } from '../../src/db/backup.ts';
import type { AnkerpunktDb } from '../../src/db/database.ts';
import { adoptIdentity } from '../../src/db/identities.ts';
import { importBundleFile } from '../../src/db/import-store.ts';
import { eventsOf, loadProcess } from '../../src/db/process-store.ts';
import { buildBundle, serializeBundle } from '../../src/domain/bundle.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { verifyKeyPossession } from '../../src/domain/event-signature.ts';
import { readBundleFile } from '../../src/domain/import/bundle-file.ts';
import { MemoryLog } from '../../src/domain/memory-log.ts';
import { engine } from '../../src/domain/process-engine.ts';
import { replay } from '../../src/domain/replay.ts';
import { CORPUS, GOOD } from '../fixtures/bundles/build.ts';
import { makeZipCorpus, ZIP_CORPUS } from '../fixtures/bundles/zip-corpus.ts';
import { demoDb, freshDb, PROCESS_ID, replayedState, stateOf } from '../fixtures/db/demo-db.ts';
import { dumpTables } from '../fixtures/db/tables.ts';
import { demoBundle, demoProcess, sha256 } from '../support/demo.ts';

const bytesOf = (name: string) => readFileSync(new URL(`../fixtures/bundles/${name}`, import.meta.url));
const fixture = (name: string) => new Blob([bytesOf(name)]);
const NOW = new Date('2026-11-25T12:00:00.000Z');
const eng = engine();

/** A device that already holds something: the demo process, so "unchanged" means something. */
async function busyDevice(): Promise<AnkerpunktDb> {
  return (await demoDb()).db;
}

describe('importing bad and hostile bundles', () => {
  for (const entry of CORPUS) {
    it(`${entry.file} is refused with its own message, and the database is unchanged`, async () => {
      const db = freshDb();
      const before = await dumpTables(db);
      const outcome = await importBundleFile(db, eng, sha256, fixture(entry.file), 'readOnly', NOW);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const code = outcome.problem.code === 'broken' ? outcome.problem.verdict.problem.code : outcome.problem.code;
      expect(code).toBe(entry.code);
      const message = importProblemText(outcome.problem, 'de', eng.rulebook);
      expect(message).toContain(entry.says);
      expect(message).toMatch(/nichts gespeichert/);
      expect(await dumpTables(db)).toEqual(before);
    });
  }

  it('refuses a take-over onto a device where the process is kept already, changing nothing', async () => {
    const db = await busyDevice();
    const before = await dumpTables(db);
    const outcome = await importBundleFile(db, eng, sha256, fixture(GOOD.zip), 'takeOver', NOW);
    expect(outcome.ok || outcome.problem).toMatchObject({ code: 'exists', processId: PROCESS_ID });
    expect(await dumpTables(db)).toEqual(before);
  });
});

describe('importing the generated ZIP corpus', () => {
  let files: Record<string, Uint8Array<ArrayBuffer>>;
  beforeAll(async () => {
    files = (await makeZipCorpus()) as Record<string, Uint8Array<ArrayBuffer>>;
  });
  const blob = (name: string) => new Blob([files[name] as Uint8Array<ArrayBuffer>]);

  for (const entry of ZIP_CORPUS.filter((e) => e.code !== 'accepted')) {
    it(`${entry.file} is refused with its own message, and the database is unchanged`, async () => {
      const db = freshDb();
      const before = await dumpTables(db);
      const outcome = await importBundleFile(db, eng, sha256, blob(entry.file), 'readOnly', NOW);
      expect(outcome.ok || outcome.problem.code).toBe(entry.code);
      if (outcome.ok) return;
      const message = importProblemText(outcome.problem, 'de', eng.rulebook);
      expect(message).toContain(entry.says);
      expect(message).toMatch(/nichts gespeichert/);
      expect(await dumpTables(db)).toEqual(before);
    });
  }

  it('imports an archive with entries outside the layout, naming them and storing none of them', async () => {
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, blob('zip-outside-layout.zip'), 'readOnly', NOW);
    if (!outcome.ok) throw new Error(importProblemText(outcome.problem, 'de', eng.rulebook));
    expect(outcome.ignored).toEqual(ZIP_CORPUS.find((e) => e.file === 'zip-outside-layout.zip')?.ignored);
    const { writer } = await demoProcess();
    expect(outcome.filesStored).toBe(writer.files.size);
    expect(await db.files.count()).toBe(writer.files.size);
  });

  it('imports an honest archive that leaves a file out, counting it as not on this device', async () => {
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, blob('zip-not-included.zip'), 'readOnly', NOW);
    if (!outcome.ok) throw new Error(importProblemText(outcome.problem, 'de', eng.rulebook));
    expect(outcome.filesMissing).toBe(1);
  });

  it('does not store content the log records as erased, even when the archive still carries it', async () => {
    const db = freshDb();
    const check = await readBundleFile(blob('zip-erased-present.zip'));
    if (!check.ok) throw new Error(check.problem.code);
    const erased = check.bundle.evidence.find((e) => e.erased)?.sha256 as string;
    const outcome = await importBundleFile(db, eng, sha256, blob('zip-erased-present.zip'), 'readOnly', NOW);
    if (!outcome.ok) throw new Error(importProblemText(outcome.problem, 'de', eng.rulebook));
    expect(outcome.filesErased).toBe(1);
    expect(await db.files.get(erased)).toBeUndefined();
  });
});

describe('importing a good bundle', () => {
  it('opens another agency\u2019s bundle read-only, with its evidence files', async () => {
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, fixture(GOOD.zip), 'readOnly', NOW);
    if (!outcome.ok) throw new Error(importProblemText(outcome.problem, 'de', eng.rulebook));
    const { writer } = await demoProcess();
    expect(outcome).toMatchObject({ processId: PROCESS_ID, mode: 'readOnly', filesStored: writer.files.size, filesMissing: 0 });
    expect((await db.processes.get(PROCESS_ID))?.readOnly).toEqual({
      source: 'bundle',
      importedAt: NOW.toISOString(),
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
    for (const [digest, file] of writer.files) {
      const stored = await db.files.get(digest);
      if (!stored) throw new Error(`file ${digest} not stored`);
      expect(new Uint8Array(await stored.blob.arrayBuffer())).toEqual(file.bytes);
    }
  });

  it('takes a process over from a JSON bundle: same state, and a re-export carries byte-identical events', async () => {
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, fixture(GOOD.json), 'takeOver', NOW);
    if (!outcome.ok) throw new Error(importProblemText(outcome.problem, 'de', eng.rulebook));
    const file = await readBundleFile(fixture(GOOD.json));
    if (!file.ok) throw new Error('unreadable');
    expect((await db.processes.get(PROCESS_ID))?.readOnly).toBeUndefined();
    expect(outcome.filesMissing).toBe(new Set(file.bundle.evidence.filter((e) => e.contentType === 'file').map((e) => e.sha256)).size);
    const expected = stateOf(replay(eng, file.bundle.events));
    const loaded = await loadProcess(db, eng, PROCESS_ID);
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(stateOf(loaded.state.snapshot)).toEqual(expected);
    expect(await replayedState(db)).toEqual(expected);
    const again = await eventsOf(db, PROCESS_ID);
    expect(JSON.stringify(again)).toBe(JSON.stringify(file.bundle.events));
    const original = JSON.parse(bytesOf(GOOD.json).toString('utf8')) as { events: unknown[] };
    expect(JSON.stringify(again)).toBe(JSON.stringify(original.events));
  });

  it('replaces a read-only copy by a take-over, and a read-only copy by a newer one', async () => {
    const db = freshDb();
    expect((await importBundleFile(db, eng, sha256, fixture(GOOD.json), 'readOnly', NOW)).ok).toBe(true);
    const again = await importBundleFile(db, eng, sha256, fixture(GOOD.erased), 'readOnly', NOW);
    expect(again).toMatchObject({ ok: true, replaced: true, filesErased: 1 });
    const taken = await importBundleFile(db, eng, sha256, fixture(GOOD.erased), 'takeOver', NOW);
    expect(taken).toMatchObject({ ok: true, replaced: true, mode: 'takeOver' });
    expect((await db.processes.get(PROCESS_ID))?.readOnly).toBeUndefined();
  });

  it('replaces a read-only copy only by a bundle that continues it: an older or rewritten one is refused', async () => {
    const db = freshDb();
    expect((await importBundleFile(db, eng, sha256, fixture(GOOD.erased), 'readOnly', NOW)).ok).toBe(true);
    const before = await dumpTables(db);
    // The demo without its erasure is the beginning of the copy here: older.
    expect(await importBundleFile(db, eng, sha256, fixture(GOOD.json), 'readOnly', NOW)).toEqual({
      ok: false,
      problem: { code: 'notExtending', status: 'older', seq: 160, storedCount: 161, newCount: 160 },
    });
    // A history that parts from the copy at event 159, validly signed by the ambassador herself
    // (an insider's other version): refused, naming where the two part.
    const { writer, people } = await demoProcess();
    const own = freshDb();
    const demo = new Blob([serializeBundle(await demoBundle())]);
    expect((await importBundleFile(own, eng, sha256, demo, 'readOnly', NOW)).ok).toBe(true);
    const log = new MemoryLog(eng, sha256);
    for (const event of writer.log.events.slice(0, 158)) await log.admit(event);
    const attached = await log.append(
      {
        type: 'EvidenceAttached',
        id: 'e-other',
        at: log.snapshot.context.lastAt,
        actor: { personId: people.ikbo.personId, role: 'ambassador' },
        payload: {
          evidenceId: 'n-other',
          kind: 'notiz',
          title: 'Eine andere Fassung',
          documentDate: log.snapshot.context.lastAt.slice(0, 10),
          reviewBy: null,
          proves: { stage: null, measureId: null, standardIds: [] },
          content: { type: 'note', text: 'x', sha256: await sha256('x') },
        },
      },
      DemoWriter.signer(people.ikbo),
    );
    expect(attached.ok).toBe(true);
    const otherBundle = await buildBundle({
      engine: eng,
      events: log.events,
      snapshot: log.snapshot,
      exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
      exportedAt: NOW.toISOString(),
    });
    const other = await importBundleFile(own, eng, sha256, new Blob([serializeBundle(otherBundle)]), 'readOnly', NOW);
    expect(other).toEqual({ ok: false, problem: { code: 'notExtending', status: 'diverged', seq: 159, storedCount: 160, newCount: 159 } });
    if (other.ok) throw new Error('imported');
    expect(importProblemText(other.problem, 'de', eng.rulebook)).toContain('ab Ereignis 159 weichen sie ab');
    expect(await dumpTables(db)).toEqual(before);
    expect((await db.processes.get(PROCESS_ID))?.readOnly?.exportedAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('imports a ZIP with entries outside the layout, naming them and leaving them out', async () => {
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, fixture(GOOD.extra), 'readOnly', NOW);
    expect(outcome).toMatchObject({ ok: true, ignored: expect.arrayContaining(['tools/run.exe', 'evidence/readme.txt']) });
    expect((await db.files.toArray()).every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });
});

describe("a ZIP written by the app's own exporter", () => {
  it('verifies with every evidence file matching and imports read-only', async () => {
    const { planAuditZip } = await import('../../src/domain/export/audit-zip.ts');
    const { writeZip } = await import('../../src/domain/export/zip-writer.ts');
    const { writer } = await demoProcess();
    const bundleBytes = new Uint8Array(bytesOf(GOOD.json));
    const file = await readBundleFile(new Blob([bundleBytes]));
    if (!file.ok) throw new Error('unreadable');
    const plan = await planAuditZip({
      bundle: file.bundle,
      bundleBytes,
      lookup: async (digest) => {
        const found = writer.files.get(digest);
        return found ? { size: found.bytes.length, mediaType: found.mediaType, open: () => [found.bytes] } : null;
      },
    });
    const chunks: Uint8Array[] = [];
    await writeZip(plan.entries, { write: (chunk) => void chunks.push(chunk.slice()), close: () => {} });
    const db = freshDb();
    const outcome = await importBundleFile(db, eng, sha256, new Blob(chunks as Uint8Array<ArrayBuffer>[]), 'readOnly', NOW);
    expect(outcome).toMatchObject({ ok: true, filesStored: writer.files.size, filesMissing: 0, ignored: [] });
  });
});

describe('backup and restore', () => {
  it('restores everything on a new device: processes, read-only flags, files, profiles and settings', async () => {
    const db = await busyDevice();
    const { people } = await demoProcess();
    await adoptIdentity(
      db,
      {
        personId: people.ikbo.personId,
        name: people.ikbo.name,
        organisation: people.ikbo.organisation,
        protection: 'device',
        privateKey: people.ikbo.key.privateKey,
        publicKey: people.ikbo.key.record,
        createdAt: NOW.toISOString(),
      },
      true,
    );
    await db.identities.put({
      personId: 'p-shared',
      name: 'Geteiltes Profil',
      organisation: 'Empfang',
      protection: 'passphrase',
      wrappedKey: {
        kdf: 'PBKDF2-SHA-256',
        iterations: 600_000,
        salt: new Uint8Array(16).fill(1),
        cipher: 'AES-GCM-256',
        iv: new Uint8Array(12).fill(2),
        wrapped: new Uint8Array(138).fill(3),
      },
      publicKey: { keyId: 'ab'.repeat(16), algorithm: 'ECDSA-P256-SHA256', publicKey: 'AAAA' },
      createdAt: NOW.toISOString(),
      // Not this key's signature: a restore must not carry it on as a proof of possession.
      keyProof: 'x'.repeat(86),
    });
    await db.settings.put({ key: 'backupReminderDays', value: 14 });
    // A second process, read-only, from another agency's bundle; with evidence files.
    const other = freshDb();
    expect((await importBundleFile(other, eng, sha256, fixture(GOOD.zip), 'readOnly', NOW)).ok).toBe(true);
    await db.files.bulkPut(await other.files.toArray());

    const blob = await createBackup(db, NOW);
    expect((await db.settings.get('lastBackupAt'))?.value).toBe(NOW.toISOString());
    const fresh = freshDb();
    const outcome = await restoreBackup(fresh, eng, sha256, blob);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
    expect(outcome).toMatchObject({ restored: [PROCESS_ID], skipped: [], profiles: ['Geteiltes Profil'], newKeys: [people.ikbo.name] });

    const [a, b] = [await dumpTables(db), await dumpTables(fresh)];
    for (const table of ['events', 'heads', 'files', 'processes', 'snapshots', 'snapshotParts']) expect(b[table], table).toEqual(a[table]);
    const shared = await fresh.identities.get('p-shared');
    expect(shared?.wrappedKey?.wrapped).toEqual(new Uint8Array(138).fill(3));
    const ikbo = await fresh.identities.get(people.ikbo.personId);
    expect(ikbo?.publicKey.keyId).not.toBe(people.ikbo.key.record.keyId);
    expect(ikbo?.previousKeys?.map((k) => k.keyId)).toEqual([people.ikbo.key.record.keyId]);
    // The new key proves possession at once, so an ambassador can register it from the identity file.
    expect(ikbo?.publicKey && ikbo.keyProof && (await verifyKeyPossession(ikbo.personId, ikbo.publicKey, ikbo.keyProof))).toBe(true);
    expect(shared?.keyProof).toBeUndefined();
    expect((await fresh.settings.get('backupReminderDays'))?.value).toBe(14);
    expect(await fresh.settings.get('lastBackupAt')).toBeUndefined();

    // Restoring again on the same device: every process is skipped, nothing doubled.
    const again = await restoreBackup(fresh, eng, sha256, blob);
    expect(again).toMatchObject({ ok: true, restored: [], skipped: [PROCESS_ID], files: 0 });
  });

  it('restores a version-1 backup (profiles without proofs of possession)', async () => {
    const source = freshDb();
    expect((await importBundleFile(source, eng, sha256, fixture(GOOD.zip), 'readOnly', NOW)).ok).toBe(true);
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(new Uint8Array(await (await createBackup(source, NOW)).arrayBuffer()));
    const manifest = JSON.parse(new TextDecoder().decode(entries['backup.json']));
    expect(manifest.formatVersion).toBe(2);
    manifest.formatVersion = 1;
    const v1 = zipSync({ ...entries, 'backup.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    const outcome = await restoreBackup(freshDb(), eng, sha256, new Blob([v1 as Uint8Array<ArrayBuffer>]));
    expect(outcome).toMatchObject({ ok: true, restored: [PROCESS_ID] });
  });

  it('keeps read-only flags of restored copies', async () => {
    const db = freshDb();
    expect((await importBundleFile(db, eng, sha256, fixture(GOOD.zip), 'readOnly', NOW)).ok).toBe(true);
    const fresh = freshDb();
    const outcome = await restoreBackup(fresh, eng, sha256, await createBackup(db, NOW));
    expect(outcome.ok).toBe(true);
    expect((await fresh.processes.get(PROCESS_ID))?.readOnly).toEqual({
      source: 'bundle',
      importedAt: NOW.toISOString(),
      exportedAt: '2026-11-25T10:00:00.000Z',
    });
  });

  it('stops, naming the process, when the device holds the same process with a different log; nothing is written', async () => {
    const source = freshDb();
    expect((await importBundleFile(source, eng, sha256, fixture(GOOD.erased), 'takeOver', NOW)).ok).toBe(true);
    const blob = await createBackup(source, NOW);
    const target = await busyDevice();
    const before = await dumpTables(target);
    const outcome = await restoreBackup(target, eng, sha256, blob);
    expect(outcome.ok || outcome.problem).toMatchObject({
      code: 'processDiffers',
      processId: PROCESS_ID,
      agencyName: 'Jobcenter Neckar-Alb (Demo)',
    });
    expect(await dumpTables(target)).toEqual(before);
  });

  it('refuses a damaged or hostile backup, changing nothing', async () => {
    const source = freshDb();
    expect((await importBundleFile(source, eng, sha256, fixture(GOOD.zip), 'takeOver', NOW)).ok).toBe(true);
    const good = new Uint8Array(await (await createBackup(source, NOW)).arrayBuffer());
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(good);
    const text = new TextEncoder();
    const variants: [string, Uint8Array, string][] = [
      ['not a zip', text.encode('{}'), 'zipCorrupt'],
      ['a bundle, not a backup', bytesOf(GOOD.zip), 'notBackup'],
      ['traversal', zipSync({ ...entries, '../evil': text.encode('x') }), 'zipUnsafeName'],
      [
        'wrong version',
        zipSync({ ...entries, 'backup.json': text.encode(JSON.stringify({ format: BACKUP_FORMAT, formatVersion: 9 })) }),
        'wrongVersion',
      ],
      [
        'polluted manifest',
        zipSync({
          ...entries,
          'backup.json': text.encode(new TextDecoder().decode(entries['backup.json']).replace('{', '{"__proto__":{"x":1},')),
        }),
        'json',
      ],
      [
        'manifest naming a member twice',
        zipSync({
          ...entries,
          'backup.json': text.encode(new TextDecoder().decode(entries['backup.json']).replace('{', '{"formatVersion":1,')),
        }),
        'json',
      ],
    ];
    const digest = Object.keys(entries).find((n) => n.startsWith('evidence/')) as string;
    variants.push(['swapped evidence', zipSync({ ...entries, [digest]: text.encode('anders') }), 'fileMismatch']);
    const events = JSON.parse(new TextDecoder().decode(entries[`processes/${PROCESS_ID}.json`])) as { payload: { title?: string } }[];
    const firstTitled = events.find((e) => typeof e.payload.title === 'string');
    if (firstTitled) firstTitled.payload.title = 'geändert';
    variants.push([
      'changed log',
      zipSync({ ...entries, [`processes/${PROCESS_ID}.json`]: text.encode(JSON.stringify(events)) }),
      'processBroken',
    ]);
    for (const [label, bytes, code] of variants) {
      const target = freshDb();
      const before = await dumpTables(target);
      const outcome = await restoreBackup(target, eng, sha256, new Blob([bytes as Uint8Array<ArrayBuffer>]));
      expect(outcome.ok || outcome.problem.code, label).toBe(code);
      expect(await dumpTables(target), label).toEqual(before);
    }
  });
});
