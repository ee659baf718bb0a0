/**
 * A sign-off on another device, as a specification: the request file carries the whole verified
 * log and the covered evidence; the response file carries one signed decision. Each refusal the
 * issue lists goes through the real path (parse the bytes, prepare the command, append through
 * the engine) and must leave the log unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { reason } from '../../machines/process/reasons.ts';
import { buildBundle } from '../../src/domain/bundle.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, type SigningKey } from '../../src/domain/crypto/keys.ts';
import { DemoWriter, type ScriptPerson } from '../../src/domain/demo/demo-writer.ts';
import { sealAndSign } from '../../src/domain/event-signature.ts';
import {
  buildRequestFile,
  buildResponseFile,
  checkRequestFile,
  coveredFiles,
  loggedDecisions,
  MAX_REQUEST_FILE_BYTES,
  MAX_RESPONSE_FILE_BYTES,
  parseRequestFile,
  parseResponseFile,
  requestFileName,
  responseCommand,
  responseFileName,
  serializeExchangeFile,
} from '../../src/domain/signoff-exchange.ts';
import { verifyBundle, verifyBundleBytes } from '../../src/domain/verify.ts';
import type { RoleId } from '../../standards/schema.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

const KONTRAKT = 'Kontrakt DIKÖ: Ziele, Rolle der IKBO, Zeitanteil 20 %.';

/** The ambassador's process in the mandate stage, the Kontrakt attached as a file, its sign-off requested. */
async function requested(): Promise<{ p: ProcessDriver; requestId: string; kontrakt: string }> {
  const p = await ProcessDriver.open();
  const bytes = utf8(KONTRAKT);
  const kontrakt = await p.attach('kontrakt', {
    title: 'Kontrakt DIKÖ 2027',
    content: { type: 'file', name: 'kontrakt.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) as string },
  });
  const { requestId } = await p.request();
  return { p, requestId, kontrakt };
}

/** What the ambassador's device writes: the request file, head signed by the ambassador. */
async function requestFileBytes(p: ProcessDriver, requestId: string, content = KONTRAKT): Promise<Uint8Array> {
  const bundle = await buildBundle({
    engine: p.engine,
    events: p.w.log.events,
    snapshot: p.snapshot,
    exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
    exportedAt: p.later(),
  });
  const bytes = utf8(content);
  const files = [{ sha256: sha256(bytes) as string, name: 'kontrakt.pdf', mediaType: 'application/pdf', bytes }];
  return utf8(serializeExchangeFile(buildRequestFile({ bundle, requestId, files })));
}

/** The director's device: opens the request file, decides on what it shows, writes the response. */
async function respond(
  p: ProcessDriver,
  requestFile: Uint8Array,
  by: ScriptPerson,
  options: { role?: RoleId; decision?: 'granted' | 'refused'; comment?: string; key?: SigningKey } = {},
): Promise<Uint8Array> {
  const parsed = parseRequestFile(requestFile);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  const checked = await checkRequestFile(p.engine, parsed.file, sha256);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problem));
  const copy: ProcessSnapshot = checked.checked.snapshot;
  const decision = await p.decisionCommand(by, options.role ?? 'managingDirector', parsed.file.requestId, {
    snapshot: copy,
    decision: options.decision ?? 'granted',
    ...(options.comment !== undefined ? { comment: options.comment } : {}),
    ...(options.key ? { key: options.key } : {}),
  });
  return utf8(serializeExchangeFile(buildResponseFile(copy.context.processId, decision)));
}

/** The ambassador's device reads a response: parse, prepare, append through the engine. */
async function importResponse(p: ProcessDriver, bytes: Uint8Array) {
  const before = p.w.log.events.length;
  const parsed = parseResponseFile(bytes);
  if (!parsed.ok) return { ok: false as const, problem: parsed.problem, reasons: [], appended: 0 };
  const prepared = responseCommand(p.snapshot, parsed.file, loggedDecisions(p.w.log.events), p.later());
  if (!prepared.ok) return { ok: false as const, problem: prepared.problem, reasons: [], appended: 0 };
  const sent = await p.send(prepared.command);
  return { ok: sent.ok, problem: null, reasons: sent.reasons, appended: p.w.log.events.length - before };
}

function edit(bytes: Uint8Array, change: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(new TextDecoder().decode(bytes));
  change(json);
  return utf8(JSON.stringify(json));
}

describe('sign-off request file', () => {
  it('carries the verified log and the covered evidence file, and names itself after agency, stage and day', async () => {
    const { p, requestId, kontrakt } = await requested();
    const parsed = parseRequestFile(await requestFileBytes(p, requestId));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const checked = await checkRequestFile(p.engine, parsed.file, sha256);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problem));
    expect(checked.checked.request).toMatchObject({ requestId, status: 'open', covers: [{ evidenceId: kontrakt, revision: 1 }] });
    expect(new TextDecoder().decode(checked.checked.files[0]?.bytes)).toBe(KONTRAKT);
    expect(coveredFiles(checked.checked.snapshot.context, checked.checked.request)).toHaveLength(1);
    expect(requestFileName('Agentur für Arbeit Reutlingen', 'Auftragsklärung', '2027-03-01')).toBe(
      'freigabeantrag-agentur-fuer-arbeit-reutlingen-auftragsklaerung-2027-03-01.json',
    );
    expect(responseFileName('Jobcenter Neckar-Alb', 'Strukturaufbau', 'refused', '2027-03-02')).toBe(
      'freigabeantwort-jobcenter-neckar-alb-strukturaufbau-abgelehnt-2027-03-02.json',
    );
  });

  it('is refused when an evidence file does not match its digest', async () => {
    const { p, requestId } = await requested();
    const bytes = await requestFileBytes(p, requestId);
    const swapped = edit(bytes, (json) => {
      const [first] = json.files as { base64: string }[];
      if (first) first.base64 = btoa('Ein anderer Kontrakt.');
    });
    const parsed = parseRequestFile(swapped);
    if (!parsed.ok) throw new Error('still well-formed');
    expect(await checkRequestFile(p.engine, parsed.file, sha256)).toMatchObject({ ok: false, problem: { code: 'fileDigestMismatch' } });
  });

  it('is refused when it smuggles in a file the request does not cover', async () => {
    const { p, requestId } = await requested();
    const extra = utf8('Nicht Teil des Antrags.');
    const bytes = edit(await requestFileBytes(p, requestId), (json) => {
      (json.files as unknown[]).push({
        sha256: sha256(extra),
        name: 'x.txt',
        mediaType: 'text/plain',
        base64: btoa('Nicht Teil des Antrags.'),
      });
    });
    const parsed = parseRequestFile(bytes);
    if (!parsed.ok) throw new Error('still well-formed');
    expect(await checkRequestFile(p.engine, parsed.file, sha256)).toMatchObject({ ok: false, problem: { code: 'fileNotCovered' } });
  });

  it('is refused when its log was edited (a changed request note breaks the chain)', async () => {
    const { p, requestId } = await requested();
    const bytes = edit(await requestFileBytes(p, requestId), (json) => {
      const events = (json.bundle as { events: { type: string; payload: { note: string } }[] }).events;
      const request = events.find((e) => e.type === 'SignOffRequested');
      if (request) request.payload.note = 'Bitte ungeprüft freigeben.';
    });
    const parsed = parseRequestFile(bytes);
    if (!parsed.ok) throw new Error('still well-formed');
    expect(await checkRequestFile(p.engine, parsed.file, sha256)).toMatchObject({ ok: false, problem: { code: 'bundleBroken' } });
  });

  it('is refused for a request that was decided or does not exist', async () => {
    const { p, requestId } = await requested();
    await p.decide(p.people.gf, 'managingDirector', requestId, 'refused');
    const decided = parseRequestFile(await requestFileBytes(p, requestId));
    if (!decided.ok) throw new Error('well-formed');
    expect(await checkRequestFile(p.engine, decided.file, sha256)).toMatchObject({ ok: false, problem: { code: 'requestNotOpen' } });
    const unknown = parseRequestFile(await requestFileBytes(p, 'r-gibt-es-nicht'));
    if (!unknown.ok) throw new Error('well-formed');
    expect(await checkRequestFile(p.engine, unknown.file, sha256)).toMatchObject({ ok: false, problem: { code: 'requestNotFound' } });
  });

  it('refuses what is not a request file: too large, not JSON, a response or bundle instead, an unknown version', async () => {
    const { p, requestId } = await requested();
    expect(parseRequestFile(new Uint8Array(MAX_REQUEST_FILE_BYTES + 1))).toMatchObject({ ok: false, problem: { code: 'tooLarge' } });
    expect(parseRequestFile(utf8('{"format": '))).toMatchObject({ ok: false, problem: { code: 'notJson' } });
    expect(parseRequestFile(new Uint8Array([0xff, 0xfe, 0x00]))).toMatchObject({ ok: false, problem: { code: 'notUtf8' } });
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    expect(parseRequestFile(response)).toMatchObject({ ok: false, problem: { code: 'wrongFormat', got: 'response' } });
    const v2 = edit(await requestFileBytes(p, requestId), (json) => {
      json.formatVersion = 3;
    });
    expect(parseRequestFile(v2)).toMatchObject({ ok: false, problem: { code: 'wrongVersion', got: 3 } });
  });
});

describe('sign-off response file', () => {
  it('round trip: refused with a comment, reworked, asked again, granted; the stage can advance', async () => {
    const { p, requestId } = await requested();
    const refusal = await respond(p, await requestFileBytes(p, requestId), p.people.gf, {
      decision: 'refused',
      comment: 'Der Zeitanteil der IKBO fehlt.',
    });
    // The ambassador keeps working meanwhile: the decision does not depend on its place in the chain.
    await p.attach('notiz', { proves: { stage: null, measureId: null, standardIds: [] } });
    expect(await importResponse(p, refusal)).toMatchObject({ ok: true, appended: 1 });
    expect(p.milestone()).toMatchObject({ state: 'refused', request: { decisions: [{ comment: 'Der Zeitanteil der IKBO fehlt.' }] } });
    expect(p.ctx.stage).toBe('mandate');

    const { requestId: second } = await p.request();
    const grant = await respond(p, await requestFileBytes(p, second), p.people.gf);
    expect(await importResponse(p, grant)).toMatchObject({ ok: true, appended: 1 });
    expect(p.milestone().state).toBe('granted');
    expect((await p.send(p.advanceCommand())).ok).toBe(true);
  });

  it('is refused when edited after signing (the comment changed): the signature no longer holds', async () => {
    const { p, requestId } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf, { decision: 'refused', comment: 'Nein.' });
    const edited = edit(response, (json) => {
      (json.decision as { payload: { comment: string } }).payload.comment = 'Bitte nur das Datum ergänzen.';
    });
    const out = await importResponse(p, edited);
    expect(out.reasons).toContainEqual(reason('badSignature', { keyId: p.people.gf.key.record.keyId, requestId }));
    expect(out.appended).toBe(0);
  });

  it('appends the same response only once, however often it is imported', async () => {
    const { p, requestId } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    expect(await importResponse(p, response)).toMatchObject({ ok: true, appended: 1 });
    expect(await importResponse(p, response)).toMatchObject({ ok: false, problem: { code: 'alreadyImported', requestId }, appended: 0 });
    // Not even under a new event id: the signature is the same.
    const renamed = edit(response, (json) => {
      (json.decision as { id: string }).id = 'e-anders';
    });
    expect(await importResponse(p, renamed)).toMatchObject({ ok: false, problem: { code: 'alreadyImported' }, appended: 0 });
  });

  it('names an edited copy of a response already read in as altered, not as read in already', async () => {
    const { p, requestId } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf, {
      decision: 'granted',
      comment: 'Einverstanden.',
    });
    expect(await importResponse(p, response)).toMatchObject({ ok: true, appended: 1 });
    const edited = edit(response, (json) => {
      (json.decision as { payload: { comment: string } }).payload.comment = 'Einverstanden, ohne Auflagen.';
    });
    expect(await importResponse(p, edited)).toMatchObject({ ok: false, problem: { code: 'alteredCopy', requestId }, appended: 0 });
  });

  it('refuses a grant by the person who asked for it (four eyes)', async () => {
    const p = await ProcessDriver.open();
    const both = await DemoWriter.person('p-doppel', 'Dana Doppel', ['ambassador', 'regionalDirectorate'], 'Agentur');
    await p.accept(p.command('PersonRegistered', p.people.ikbo, await p.registrationOf(both)));
    await p.attach('kontrakt');
    const request = p.requestCommand({ by: both });
    await p.accept(request);
    const response = await respond(p, await requestFileBytesWithoutFiles(p, request.payload.requestId), both, {
      role: 'regionalDirectorate',
    });
    const out = await importResponse(p, response);
    expect(out.reasons).toContainEqual(reason('sameRequesterAndApprover', { personId: 'p-doppel' }));
    expect(out.appended).toBe(0);
  });

  it('refuses a signer without the role the milestone needs', async () => {
    const { p, requestId } = await requested();
    const asRd = await respond(p, await requestFileBytes(p, requestId), p.people.rd, { role: 'regionalDirectorate' });
    expect((await importResponse(p, asRd)).reasons).toContainEqual(reason('roleNotRequested', { requestId, role: 'regionalDirectorate' }));
    const claimed = await respond(p, await requestFileBytes(p, requestId), p.people.pr, { role: 'managingDirector' });
    expect((await importResponse(p, claimed)).reasons).toContainEqual(
      reason('actorLacksRole', { personId: 'p-pr', role: 'managingDirector' }),
    );
    expect(p.milestone().state).toBe('pending');
  });

  it('refuses a key the process never registered', async () => {
    const { p, requestId } = await requested();
    const stranger = await generateSigningKey();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf, { key: stranger });
    const out = await importResponse(p, response);
    expect(out.reasons).toContainEqual(reason('keyUnknown', { keyId: stranger.record.keyId }));
    expect(out.appended).toBe(0);
  });

  it('refuses a decision imported after its key was revoked, while a decision imported before stays valid on replay and verify', async () => {
    const { p, requestId } = await requested();
    const { gf } = p.people;
    const first = await respond(p, await requestFileBytes(p, requestId), gf, { decision: 'refused', comment: 'Zeitanteil fehlt.' });
    expect(await importResponse(p, first)).toMatchObject({ ok: true });
    const { requestId: second } = await p.request();
    const signedBeforeRevocation = await respond(p, await requestFileBytes(p, second), gf);
    const { keyId } = gf.key.record;
    const revocation = p.command('KeyRevoked', gf, { personId: gf.personId, keyId, reason: 'Laptop verloren' });
    await p.accept(revocation);

    const out = await importResponse(p, signedBeforeRevocation);
    expect(out.reasons).toContainEqual(reason('keyRevoked', { keyId, revokedAt: revocation.at }));
    expect(out.appended).toBe(0);

    const bundle = await buildBundle({
      engine: p.engine,
      events: p.w.log.events,
      snapshot: p.snapshot,
      exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
      exportedAt: p.later(),
    });
    expect(await verifyBundle(p.engine, bundle, sha256)).toMatchObject({ status: 'intact', summary: { signatures: 1 } });
  });

  it('refuses a response for a request that does not exist, or was already decided', async () => {
    const { p, requestId } = await requested();
    const other = await requested();
    const foreign = await respond(other.p, await requestFileBytes(other.p, other.requestId), other.p.people.gf);
    const renamed = edit(foreign, (json) => {
      const d = json.decision as { payload: { requestId: string } };
      d.payload.requestId = 'r-unbekannt';
      json.requestId = 'r-unbekannt';
    });
    expect((await importResponse(p, renamed)).reasons).toContainEqual(reason('requestNotFound', { requestId: 'r-unbekannt' }));

    const refusal = await respond(p, await requestFileBytes(p, requestId), p.people.gf, { decision: 'refused', comment: 'Nein.' });
    const grant = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    expect(await importResponse(p, refusal)).toMatchObject({ ok: true });
    const out = await importResponse(p, grant);
    expect(out.reasons).toContainEqual(reason('requestClosed', { requestId, status: 'refused' }));
    expect(out.appended).toBe(0);
  });

  it('refuses a response for a request outdated by changed evidence, or superseded by a newer request', async () => {
    const { p, requestId, kontrakt } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    const url = 'https://intranet.example/kontrakt-v2';
    await p.accept(
      p.command('EvidenceRevised', p.people.ikbo, {
        evidenceId: kontrakt,
        revision: 2,
        title: 'Kontrakt, Fassung 2',
        documentDate: p.today(),
        reviewBy: null,
        content: { type: 'link', url, sha256: sha256(url) as string },
        reason: 'Zeitanteil ergänzt',
      }),
    );
    expect((await importResponse(p, response)).reasons).toContainEqual(reason('requestOutdated', { requestId, evidenceIds: [kontrakt] }));

    expect(p.milestone().state).toBe('stale');

    // Reworked and asked again: the old response stays outdated, the answer to the new request counts.
    const { requestId: second } = await p.request();
    expect((await importResponse(p, response)).reasons).toContainEqual(reason('requestOutdated', { requestId, evidenceIds: [kontrakt] }));
    const fresh = await respond(p, await requestFileBytesWithoutFiles(p, second), p.people.gf);
    expect(await importResponse(p, fresh)).toMatchObject({ ok: true, appended: 1 });
    expect(p.milestone().state).toBe('granted');
  });

  it('refuses a response for another process with a clear problem, before the engine is asked', async () => {
    const { p, requestId } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    const moved = edit(response, (json) => {
      json.processId = 'proc-anderer';
    });
    expect(await importResponse(p, moved)).toMatchObject({ ok: false, problem: { code: 'wrongProcess', processId: 'proc-anderer' } });
  });

  it('refuses malformed, oversized and wrong-format files', async () => {
    const { p, requestId } = await requested();
    const response = await respond(p, await requestFileBytes(p, requestId), p.people.gf);
    expect(parseResponseFile(utf8('nicht json'))).toMatchObject({ ok: false, problem: { code: 'notJson' } });
    expect(parseResponseFile(new Uint8Array(MAX_RESPONSE_FILE_BYTES + 1))).toMatchObject({ ok: false, problem: { code: 'tooLarge' } });
    expect(parseResponseFile(await requestFileBytes(p, requestId))).toMatchObject({
      ok: false,
      problem: { code: 'wrongFormat', got: 'request' },
    });
    expect(parseResponseFile(utf8('{"format":"ankerpunkt.audit-bundle"}'))).toMatchObject({
      ok: false,
      problem: { code: 'wrongFormat', expected: 'response', got: 'bundle' },
    });
    const extra = edit(response, (json) => {
      json.note = 'unerwartet';
    });
    expect(parseResponseFile(extra)).toMatchObject({ ok: false, problem: { code: 'schema' } });
    const notADecision = edit(response, (json) => {
      (json.decision as { type: string }).type = 'StageAdvanced';
    });
    expect(parseResponseFile(notADecision)).toMatchObject({ ok: false, problem: { code: 'schema' } });
    const mismatched = edit(response, (json) => {
      json.requestId = 'r-anderer';
    });
    expect(parseResponseFile(mismatched)).toMatchObject({ ok: false, problem: { code: 'schema' } });
  });
});

describe('verify checks sign-off signatures against the keys valid at the time', () => {
  it('breaks at a decision whose key was revoked before it in the log, even with a valid signature and a recomputed chain', async () => {
    const { p, requestId } = await requested();
    const { gf } = p.people;
    const grant = await p.decisionCommand(gf, 'managingDirector', requestId);
    const { keyId } = gf.key.record;
    await p.accept(p.command('KeyRevoked', gf, { personId: gf.personId, keyId, reason: 'Laptop verloren' }));
    // An insider (the ambassador, who may record decisions) appends the grant anyway, sealing and
    // signing it by hand with her own key: the director's signature on the grant is genuine.
    const last = p.w.log.events[p.w.log.events.length - 1];
    const head = last ? { seq: last.seq, hash: last.hash } : null;
    const forged = await sealAndSign(p.snapshot, { ...grant, at: p.later() }, head, sha256, DemoWriter.signer(p.people.ikbo));
    const events = [...p.w.log.events, forged];
    const bundle = await buildBundle({
      engine: p.engine,
      events,
      snapshot: p.snapshot,
      exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
      exportedAt: p.later(),
    });
    const verdict = await verifyBundleBytes(p.engine, utf8(JSON.stringify(bundle)), sha256);
    expect(verdict).toMatchObject({ status: 'broken', event: { seq: forged.seq, type: 'SignOffGranted' }, problem: { code: 'refused' } });
    if (verdict.status === 'broken' && verdict.problem.code === 'refused') {
      expect(verdict.problem.reasons).toContainEqual(reason('keyRevoked', { keyId, revokedAt: expect.any(String) }));
    }
  });
});

/** A request file without evidence files (the Kontrakt is a link after its revision). */
async function requestFileBytesWithoutFiles(p: ProcessDriver, requestId: string): Promise<Uint8Array> {
  const bundle = await buildBundle({
    engine: p.engine,
    events: p.w.log.events,
    snapshot: p.snapshot,
    exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
    exportedAt: p.later(),
  });
  return utf8(serializeExchangeFile(buildRequestFile({ bundle, requestId, files: [] })));
}
