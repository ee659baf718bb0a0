/**
 * Sign-off files between two devices, each with its own database: the ambassador's exports a
 * request file; the director's stores it as a read-only copy with the evidence file, and its
 * answer is appended on the ambassador's device once, or refused with nothing changed.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { findRequest } from '../../machines/process/process.collections.ts';
import { reason } from '../../machines/process/reasons.ts';
import type { AnkerpunktDb } from '../../src/db/database.ts';
import { appendCommand, eventsOf, importLog, loadProcess } from '../../src/db/process-store.ts';
import { recordSavedResponse, savedResponses } from '../../src/db/saved-responses.ts';
import { exportRequestFile, importResponseFile, openRequestFile } from '../../src/db/signoff-files.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { signOffRequestCommand } from '../../src/domain/signoff-commands.ts';
import { buildResponseFile, serializeExchangeFile } from '../../src/domain/signoff-exchange.ts';
import { freshDb } from '../fixtures/db/demo-db.ts';
import { dumpTables } from '../fixtures/db/tables.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

const KONTRAKT = utf8('%PDF-1.4 Kontrakt DIKÖ, Zeitanteil der IKBO 20 %.');

/** The ambassador's device: a process in the mandate stage whose Kontrakt (a file) awaits sign-off. */
async function ambassadorsDevice(): Promise<{ p: ProcessDriver; db: AnkerpunktDb; requestId: string }> {
  const p = await ProcessDriver.open();
  const digest = sha256(KONTRAKT) as string;
  await p.attach('kontrakt', {
    title: 'Kontrakt DIKÖ 2027',
    content: { type: 'file', name: 'kontrakt.pdf', mediaType: 'application/pdf', size: KONTRAKT.length, sha256: digest },
  });
  const { requestId } = await p.request();
  const db = freshDb();
  const file = {
    sha256: digest,
    blob: new Blob([KONTRAKT as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    size: KONTRAKT.length,
    mediaType: 'application/pdf',
  };
  const stored = await importLog(db, p.engine, sha256, p.w.log.events, [file]);
  if (!stored.ok) throw new Error(JSON.stringify(stored));
  return { p, db, requestId };
}

async function requestFile(p: ProcessDriver, db: AnkerpunktDb, requestId: string): Promise<Uint8Array> {
  const out = await exportRequestFile(db, p.engine, {
    processId: p.ctx.processId,
    requestId,
    exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
    exportedAt: p.later(),
  });
  if (!out.ok) throw new Error(JSON.stringify(out.problem));
  expect(out.missingFiles).toEqual([]);
  return utf8(out.text);
}

/** The director's device decides on its read-only copy and writes the response file. */
async function directorsResponse(
  p: ProcessDriver,
  director: AnkerpunktDb,
  requestId: string,
  decision: 'granted' | 'refused',
  comment = '',
): Promise<Uint8Array> {
  const copy = await loadProcess(director, p.engine, p.ctx.processId);
  if (!copy.ok) throw new Error(copy.detail);
  const signed = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { snapshot: copy.state.snapshot, decision, comment });
  return utf8(serializeExchangeFile(buildResponseFile(p.ctx.processId, signed)));
}

/** The ambassador on her device, who reads the response files in: her key signs those events. */
const ikbo = (p: ProcessDriver) => DemoWriter.signer(p.people.ikbo);

describe('sign-off files between two devices', () => {
  it('stores a request file as a read-only copy with its evidence file; a newer request file replaces the copy', async () => {
    const { p, db, requestId } = await ambassadorsDevice();
    const director = freshDb();

    const firstFile = await requestFile(p, db, requestId);
    const opened = await openRequestFile(director, p.engine, sha256, firstFile, '2027-03-01T10:00:00.000Z');

    expect(opened).toEqual({ ok: true, processId: 'proc-test', requestId, replaced: false });
    expect(await director.processes.get('proc-test')).toMatchObject({
      readOnly: { source: 'signOffRequest', importedAt: '2027-03-01T10:00:00.000Z' },
    });
    const file = await director.files.get(sha256(KONTRAKT) as string);
    if (!file) throw new Error('the evidence file was not stored');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(KONTRAKT);
    expect(await eventsOf(director, 'proc-test')).toEqual(await eventsOf(db, 'proc-test'));
    // Nothing can be appended to the copy: the director answers with a file instead.
    const onCopy = await appendCommand(
      director,
      p.engine,
      sha256,
      'proc-test',
      await p.decisionCommand(p.people.gf, 'managingDirector', requestId),
      DemoWriter.signer(p.people.gf),
    );
    expect(onCopy).toMatchObject({ ok: false, kind: 'storage', problem: { code: 'readOnly' } });

    // The refusal comes back, the ambassador asks again and sends a new file: it replaces the copy.
    const refusal = await directorsResponse(p, director, requestId, 'refused', 'Zeitanteil fehlt.');
    expect(
      await importResponseFile(db, p.engine, sha256, 'proc-test', refusal, new Date('2027-03-02T10:00:00.000Z'), ikbo(p)),
    ).toMatchObject({
      ok: true,
    });
    const afterRefusal = await loadProcess(db, p.engine, 'proc-test');
    if (!afterRefusal.ok) throw new Error(afterRefusal.detail);
    const ask = signOffRequestCommand(p.engine, afterRefusal.state.snapshot, {
      id: 'e-neu',
      at: '2027-03-03T10:00:00.000Z',
      actor: { personId: 'p-ikbo', role: 'ambassador' },
      requestId: 'r-zweiter',
    });
    expect(await appendCommand(db, p.engine, sha256, 'proc-test', ask, ikbo(p))).toMatchObject({ ok: true });
    const second = await exportRequestFile(db, p.engine, {
      processId: 'proc-test',
      requestId: 'r-zweiter',
      exporter: { personId: 'p-ikbo', key: p.people.ikbo.key },
      exportedAt: '2027-03-03T10:05:00.000Z',
    });
    if (!second.ok) throw new Error(JSON.stringify(second.problem));
    expect(await openRequestFile(director, p.engine, sha256, utf8(second.text), '2027-03-03T11:00:00.000Z')).toEqual({
      ok: true,
      processId: 'proc-test',
      requestId: 'r-zweiter',
      replaced: true,
    });
    expect(await eventsOf(director, 'proc-test')).toEqual(await eventsOf(db, 'proc-test'));

    // The first file, opened again by mistake, does not put the older state back.
    const copyBefore = await dumpTables(director);
    expect(await openRequestFile(director, p.engine, sha256, firstFile, '2027-03-03T12:00:00.000Z')).toEqual({
      ok: false,
      problem: { code: 'olderThanCopy', processId: 'proc-test' },
    });
    expect(await dumpTables(director)).toEqual(copyBefore);
  });

  it('appends the director’s decision on the ambassador’s device once; the same file again changes nothing', async () => {
    const { p, db, requestId } = await ambassadorsDevice();
    const director = freshDb();
    await openRequestFile(director, p.engine, sha256, await requestFile(p, db, requestId), '2027-03-01T10:00:00.000Z');
    const response = await directorsResponse(p, director, requestId, 'refused', 'Der Zeitanteil der IKBO fehlt.');

    const first = await importResponseFile(db, p.engine, sha256, 'proc-test', response, new Date('2027-03-02T10:00:00.000Z'), ikbo(p));

    expect(first).toMatchObject({ ok: true, event: { type: 'SignOffRefused', at: '2027-03-02T10:00:00.000Z' } });
    const state = await loadProcess(db, p.engine, 'proc-test');
    if (!state.ok) throw new Error(state.detail);
    expect(findRequest(state.state.snapshot.context, requestId)).toMatchObject({
      status: 'refused',
      decisions: [{ personId: 'p-gf', comment: 'Der Zeitanteil der IKBO fehlt.' }],
    });
    const before = await dumpTables(db);
    const second = await importResponseFile(db, p.engine, sha256, 'proc-test', response, new Date('2027-03-02T11:00:00.000Z'), ikbo(p));
    expect(second).toEqual({ ok: false, kind: 'file', problem: { code: 'alreadyImported', requestId } });
    expect(await dumpTables(db)).toEqual(before);
  });

  it('refuses an edited response, a response for another process and a malformed file, changing nothing', async () => {
    const { p, db, requestId } = await ambassadorsDevice();
    const director = freshDb();
    await openRequestFile(director, p.engine, sha256, await requestFile(p, db, requestId), '2027-03-01T10:00:00.000Z');
    const response = await directorsResponse(p, director, requestId, 'granted');
    const before = await dumpTables(db);
    const json = JSON.parse(new TextDecoder().decode(response));
    json.decision.payload.comment = 'Nachträglich ergänzt.';
    const edited = await importResponseFile(db, p.engine, sha256, 'proc-test', utf8(JSON.stringify(json)), new Date(), ikbo(p));
    expect(edited).toMatchObject({ ok: false, kind: 'refused' });
    if (!edited.ok && edited.kind === 'refused') {
      expect(edited.reasons).toContainEqual(reason('badSignature', { keyId: p.people.gf.key.record.keyId, requestId }));
    }
    const other = await importResponseFile(db, p.engine, sha256, 'proc-anderer', response, new Date(), ikbo(p));
    expect(other).toMatchObject({ ok: false, kind: 'file', problem: { code: 'wrongProcess', processId: 'proc-test' } });
    const garbage = await importResponseFile(db, p.engine, sha256, 'proc-test', utf8('{"format":"x"'), new Date(), ikbo(p));
    expect(garbage).toMatchObject({ ok: false, kind: 'file', problem: { code: 'notJson' } });
    expect(await dumpTables(db)).toEqual(before);
  });

  it('sends the director to the process itself when the request file belongs to a process of this device', async () => {
    const { p, db, requestId } = await ambassadorsDevice();
    const bytes = await requestFile(p, db, requestId);
    const before = await dumpTables(db);
    expect(await openRequestFile(db, p.engine, sha256, bytes, '2027-03-01T10:00:00.000Z')).toEqual({
      ok: false,
      problem: { code: 'ownProcess', processId: 'proc-test' },
    });
    expect(await dumpTables(db)).toEqual(before);
  });

  it('exports no request file for a request that is no longer open', async () => {
    const { p, db, requestId } = await ambassadorsDevice();
    const director = freshDb();
    await openRequestFile(director, p.engine, sha256, await requestFile(p, db, requestId), '2027-03-01T10:00:00.000Z');
    await importResponseFile(
      db,
      p.engine,
      sha256,
      'proc-test',
      await directorsResponse(p, director, requestId, 'granted'),
      new Date(),
      ikbo(p),
    );
    const out = await exportRequestFile(db, p.engine, {
      processId: 'proc-test',
      requestId,
      exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
      exportedAt: new Date().toISOString(),
    });
    expect(out).toEqual({ ok: false, problem: { code: 'requestNotOpen', requestId } });
  });

  it('remembers on the director’s device which requests were answered with a file, one note per request', async () => {
    const director = freshDb();
    await director.settings.put({ key: 'currentPersonId', value: 'p-gf' });
    const note = {
      processId: 'proc-test',
      requestId: 'r-1',
      decision: 'refused' as const,
      savedAt: '2027-03-02T10:00:00.000Z',
      fileName: 'a.json',
    };
    await recordSavedResponse(director, note);
    await recordSavedResponse(director, { ...note, decision: 'granted', savedAt: '2027-03-02T11:00:00.000Z', fileName: 'b.json' });
    await recordSavedResponse(director, { ...note, requestId: 'r-2' });
    expect(await savedResponses(director)).toEqual([
      { ...note, decision: 'granted', savedAt: '2027-03-02T11:00:00.000Z', fileName: 'b.json' },
      { ...note, requestId: 'r-2' },
    ]);
  });
});
