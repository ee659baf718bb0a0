/**
 * Every reason the domain can give for a refusal, each provoked by the smallest process that
 * produces it and sent through the real log append. A refused command appends nothing, leaves
 * the state as it was and explains itself in German and English; `explain` names the same
 * reason before anything is sent. The last test holds the table to REASON_CODES, so a new
 * reason without a case here fails.
 */
import { describe, expect, it } from 'vitest';
import type { PayloadOf, ProcessCommand } from '../../machines/process/process.events.ts';
import { REASON_CODES, type ReasonCode } from '../../machines/process/reasons.ts';
import { computeHash, type LoggedEvent, type SealedEvent, seal } from '../../src/domain/chain.ts';
import { DemoWriter, type ScriptPerson } from '../../src/domain/demo/demo-writer.ts';
import { type EventSigner, proveKeyPossession, sealAndSign } from '../../src/domain/event-signature.ts';
import { explainCommand } from '../../src/domain/process-engine.ts';
import { describeReason } from '../../src/i18n/reasons.ts';
import type { RoleId } from '../../standards/schema.ts';
import { digestOf, ProcessDriver, sha256 } from '../support/process-driver.ts';

interface Refusal {
  p: ProcessDriver;
  command: unknown;
  params: Record<string, unknown>;
  /** Who records it, if not the actor with their own key (null: nobody with a key). */
  signer?: EventSigner | null;
  /** The command is an event sealed and signed elsewhere, admitted as it is. */
  logged?: true;
}

interface RefusalCase {
  code: ReasonCode;
  spec: string;
  provoke: () => Promise<Refusal>;
}

const refusal = (code: ReasonCode, spec: string, provoke: () => Promise<Refusal>): RefusalCase => ({ code, spec, provoke });

/** Reasons the domain gives before the machine is asked (schema and cryptography). */
const CHECKED_BEFORE_THE_MACHINE: ReadonlySet<ReasonCode> = new Set([
  'invalidCommand',
  'keyMalformed',
  'badSignature',
  'digestMismatch',
  'eventUnsigned',
  'eventSignatureInvalid',
  'founderMustSign',
  'recorderNotAllowed',
  'keyProofMissing',
  'keyProofInvalid',
  'noSigningKey',
]);

const BEFORE_THE_PROCESS = '2024-01-15T07:00:00.000Z';

/** Someone the process has not met yet. */
function newcomer(roles: RoleId[] = ['ambassador']): Promise<ScriptPerson> {
  return DemoWriter.person('p-neu', 'Nora Neumann', roles, 'Agentur für Arbeit Test');
}

function revisionPayload(p: ProcessDriver, evidenceId: string, revision: number): PayloadOf<'EvidenceRevised'> {
  const url = 'https://intranet.example/kontrakt-v2';
  return {
    evidenceId,
    revision,
    title: 'Kontrakt, überarbeitet',
    documentDate: p.today(),
    reviewBy: null,
    content: { type: 'link', url, sha256: digestOf(url) },
    reason: 'Zeitanteil angepasst',
  };
}

function evidenceKindsOf(p: ProcessDriver, standardId: string): string[] {
  return p.engine.rulebook.catalog.standards.find((s) => s.id === standardId)?.evidenceKinds ?? [];
}

/** A mandate stage whose Kontrakt is attached and whose sign-off is requested. */
async function mandateRequested(): Promise<{ p: ProcessDriver; kontrakt: string; requestId: string }> {
  const p = await ProcessDriver.open();
  const kontrakt = await p.attach('kontrakt');
  const { requestId } = await p.request();
  return { p, kontrakt, requestId };
}

const processAndPeople: RefusalCase[] = [
  refusal('processNotOpened', 'refuses anything before the process is opened', async () => {
    const p = await ProcessDriver.unopened();
    const { ikbo, gf } = p.people;
    return { p, command: p.command('PersonRegistered', ikbo, await p.registrationOf(gf)), params: {} };
  }),
  refusal('processAlreadyOpened', 'refuses to open a process twice', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.command('ProcessOpened', p.people.ikbo, p.openingPayload()), params: {} };
  }),
  refusal('processPaused', 'refuses evidence while the process is paused', async () => {
    const p = await ProcessDriver.open();
    const pause = p.command('ProcessPaused', p.people.gf, { reason: 'Die IKBO ist in Elternzeit.' });
    await p.accept(pause);
    return { p, command: p.evidenceCommand('kontrakt'), params: { since: pause.at } };
  }),
  refusal('processNotPaused', 'refuses to resume a process that is not paused', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.command('ProcessResumed', p.people.ikbo, { note: '' }), params: {} };
  }),
  refusal('timeBeforeLastEvent', 'refuses a fact dated before the last entry of the log', async () => {
    const p = await ProcessDriver.open();
    const lastAt = p.ctx.lastAt;
    return { p, command: { ...p.evidenceCommand('kontrakt'), at: BEFORE_THE_PROCESS }, params: { at: BEFORE_THE_PROCESS, lastAt } };
  }),
  refusal('templateVersionMismatch', 'refuses to open a process on another version of the template', async () => {
    const p = await ProcessDriver.unopened();
    const command = p.command('ProcessOpened', p.people.ikbo, { ...p.openingPayload(), templateVersion: '2025.1' });
    return { p, command, params: { expected: p.engine.rulebook.template.version, got: '2025.1' } };
  }),
  refusal('roleMayNot', 'refuses a registration by the IQ coach, whose role may not register people', async () => {
    const p = await ProcessDriver.open();
    const command = p.command('PersonRegistered', p.people.iq, await p.registrationOf(await newcomer()));
    return { p, command, params: { role: 'iqCoach', eventType: 'PersonRegistered' } };
  }),
  refusal('actorNotRegistered', 'refuses evidence from a person who is not registered', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.evidenceCommand('kontrakt', {}, await newcomer()), params: { personId: 'p-neu' } };
  }),
  refusal('actorLacksRole', 'refuses the managing director acting as ambassador', async () => {
    const p = await ProcessDriver.open();
    const command = p.command('StageAdvanced', p.people.gf, { from: 'mandate', to: 'setup' }, { role: 'ambassador' });
    return { p, command, params: { personId: 'p-gf', role: 'ambassador' } };
  }),
  refusal('founderMustBeActor', 'refuses to open a process in the name of another founder', async () => {
    const p = await ProcessDriver.unopened();
    const founder = p.w.registration(await newcomer());
    return { p, command: p.command('ProcessOpened', p.people.ikbo, { ...p.openingPayload(), founder }), params: { personId: 'p-neu' } };
  }),
  refusal('personAlreadyRegistered', 'refuses to register a person twice', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.command('PersonRegistered', p.people.ikbo, await p.registrationOf(p.people.gf)), params: { personId: 'p-gf' } };
  }),
  refusal('personNotRegistered', 'refuses a key for a person who is not registered', async () => {
    const p = await ProcessDriver.open();
    const stranger = await newcomer();
    const command = p.command('KeyRegistered', p.people.ikbo, { personId: stranger.personId, key: stranger.key.record });
    return { p, command, params: { personId: 'p-neu' } };
  }),
  refusal('incompatibleRoles', 'refuses one person as both ambassador and managing director', async () => {
    const p = await ProcessDriver.open();
    const command = p.command(
      'PersonRegistered',
      p.people.ikbo,
      await p.registrationOf(await newcomer(['ambassador', 'managingDirector'])),
    );
    return { p, command, params: { roles: ['ambassador', 'managingDirector'] } };
  }),
  refusal('keyAlreadyRegistered', "refuses to register the staff council's key for the managing director", async () => {
    const p = await ProcessDriver.open();
    const { ikbo, gf, pr } = p.people;
    const command = p.command('KeyRegistered', ikbo, { personId: gf.personId, key: pr.key.record });
    return { p, command, params: { keyId: pr.key.record.keyId } };
  }),
  refusal('keyUnknown', 'refuses to revoke a key the process does not know', async () => {
    const p = await ProcessDriver.open();
    const { keyId } = (await newcomer()).key.record;
    const command = p.command('KeyRevoked', p.people.ikbo, { personId: 'p-gf', keyId, reason: 'Laptop verloren' });
    return { p, command, params: { keyId } };
  }),
  refusal('keyRevoked', 'refuses to revoke a key that is already revoked', async () => {
    const p = await ProcessDriver.open();
    const { keyId } = p.people.gf.key.record;
    const first = p.command('KeyRevoked', p.people.gf, { personId: 'p-gf', keyId, reason: 'Laptop verloren' });
    await p.accept(first);
    const command = p.command('KeyRevoked', p.people.ikbo, { personId: 'p-gf', keyId, reason: 'Ruhestand' });
    return { p, command, params: { keyId, revokedAt: first.at } };
  }),
  refusal('keyNotOwnedByActor', "refuses a grant the managing director signed with the staff council's key", async () => {
    const { p, requestId } = await mandateRequested();
    const { gf, pr } = p.people;
    const command = await p.decisionCommand(gf, 'managingDirector', requestId, { key: pr.key });
    return { p, command, params: { keyId: pr.key.record.keyId, personId: 'p-gf' } };
  }),
  refusal('keyNotOwnedByPerson', 'refuses to revoke a key in the name of a person it does not belong to', async () => {
    const p = await ProcessDriver.open();
    const { keyId } = p.people.pr.key.record;
    const command = p.command('KeyRevoked', p.people.ikbo, { personId: 'p-gf', keyId, reason: 'Ruhestand' });
    return { p, command, params: { keyId, personId: 'p-gf' } };
  }),
  refusal('revokeOthersKey', "refuses the managing director revoking the staff council's key", async () => {
    const p = await ProcessDriver.open();
    const { keyId } = p.people.pr.key.record;
    const command = p.command('KeyRevoked', p.people.gf, { personId: 'p-pr', keyId, reason: 'Amtszeit beendet' });
    return { p, command, params: { keyId } };
  }),
  refusal('keyMalformed', 'refuses a person whose key id does not match the public key', async () => {
    const p = await ProcessDriver.open();
    const person = await p.registrationOf(await newcomer(['managingDirector']));
    const keyId = '0'.repeat(32);
    const command = p.command('PersonRegistered', p.people.ikbo, { ...person, key: { ...person.key, keyId } });
    return { p, command, params: { keyId } };
  }),
];

const evidence: RefusalCase[] = [
  refusal('evidenceKindUnknown', 'refuses evidence of a kind the catalogue does not know', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.evidenceCommand('faxbestaetigung'), params: { kind: 'faxbestaetigung' } };
  }),
  refusal('evidenceAlreadyExists', 'refuses evidence under an id already taken', async () => {
    const p = await ProcessDriver.open();
    const evidenceId = await p.attach('kontrakt');
    return { p, command: p.evidenceCommand('protokoll', { evidenceId }), params: { evidenceId } };
  }),
  refusal('evidenceNotFound', 'refuses to revise evidence that does not exist', async () => {
    const p = await ProcessDriver.open();
    const command = p.command('EvidenceRevised', p.people.ikbo, revisionPayload(p, 'n-fehlt', 2));
    return { p, command, params: { evidenceId: 'n-fehlt' } };
  }),
  refusal('revisionOutOfOrder', 'refuses revision 3 of evidence that has only revision 1', async () => {
    const p = await ProcessDriver.open();
    const evidenceId = await p.attach('kontrakt');
    const command = p.command('EvidenceRevised', p.people.ikbo, revisionPayload(p, evidenceId, 3));
    return { p, command, params: { evidenceId, expected: 2, got: 3 } };
  }),
  refusal('reviewBeforeDocument', 'refuses evidence due for review before it was written', async () => {
    const p = await ProcessDriver.open();
    const command = p.evidenceCommand('kontrakt', { documentDate: '2024-01-10', reviewBy: '2024-01-01' });
    return { p, command, params: { documentDate: '2024-01-10', reviewBy: '2024-01-01' } };
  }),
  refusal('standardUnknown', 'refuses evidence for a standard the catalogue does not have', async () => {
    const p = await ProcessDriver.open();
    const command = p.evidenceCommand('kontrakt', { proves: { stage: 'mandate', measureId: null, standardIds: ['gibt-es-nicht'] } });
    return { p, command, params: { standardId: 'gibt-es-nicht' } };
  }),
  refusal('digestMismatch', 'refuses a link whose recorded digest is not the digest of its URL', async () => {
    const p = await ProcessDriver.open();
    const url = 'https://intranet.example/mitteilung';
    const command = p.evidenceCommand('mitteilung', { content: { type: 'link', url, sha256: digestOf(`${url}-alt`) } });
    return { p, command, params: { evidenceId: command.payload.evidenceId } };
  }),
  refusal('invalidCommand', 'refuses evidence without a title, naming the field', async () => {
    const p = await ProcessDriver.open();
    return {
      p,
      command: p.evidenceCommand('kontrakt', { title: '' }),
      params: { path: 'payload.title', message: expect.any(String), problem: 'missing' },
    };
  }),
];

/** A PDF attached as evidence: the only content whose bytes live outside the log. */
function fileContent(text: string): PayloadOf<'EvidenceAttached'>['content'] {
  return { type: 'file', name: 'teilnehmerliste.pdf', mediaType: 'application/pdf', size: text.length, sha256: digestOf(text) };
}

function erasure(p: ProcessDriver, evidenceId: string, revision: number, sha256: string) {
  return p.command('EvidenceErased', p.people.ikbo, { evidenceId, revision, sha256, reason: 'Enthält Namen von Kund*innen' });
}

const erasures: RefusalCase[] = [
  refusal('revisionNotFound', 'refuses to erase a revision the evidence does not have', async () => {
    const p = await ProcessDriver.open();
    const content = fileContent('Liste');
    const evidenceId = await p.attach('protokoll', { content });
    return { p, command: erasure(p, evidenceId, 2, content.sha256), params: { evidenceId, revision: 2 } };
  }),
  refusal('erasureDigestMismatch', 'refuses an erasure whose digest is not that of the revision', async () => {
    const p = await ProcessDriver.open();
    const evidenceId = await p.attach('protokoll', { content: fileContent('Liste') });
    return { p, command: erasure(p, evidenceId, 1, digestOf('andere Liste')), params: { evidenceId, revision: 1 } };
  }),
  refusal('contentNotErasable', 'refuses to erase a link, whose content is part of the log itself', async () => {
    const p = await ProcessDriver.open();
    const command = p.evidenceCommand('kontrakt');
    await p.accept(command);
    const { evidenceId, content } = command.payload;
    return { p, command: erasure(p, evidenceId, 1, content.sha256), params: { evidenceId, revision: 1, type: 'link' } };
  }),
  refusal('evidenceAlreadyErased', 'refuses to erase the same content twice', async () => {
    const p = await ProcessDriver.open();
    const content = fileContent('Liste');
    const evidenceId = await p.attach('protokoll', { content });
    const first = erasure(p, evidenceId, 1, content.sha256);
    await p.accept(first);
    return { p, command: erasure(p, evidenceId, 1, content.sha256), params: { evidenceId, revision: 1, erasedAt: first.at } };
  }),
  refusal('evidenceErased', 'refuses a rating that relies on evidence whose content was erased', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const content = fileContent('Sprachenliste mit Namen');
    const evidenceId = await p.attach('sprachenliste', {
      content,
      proves: { stage: null, measureId: null, standardIds: ['language-access'] },
    });
    const erased = erasure(p, evidenceId, 1, content.sha256);
    await p.accept(erased);
    const command = p.command('AssessmentRecorded', p.people.ikbo, {
      standardId: 'language-access',
      level: 2,
      evidenceIds: [evidenceId],
      note: '',
    });
    return { p, command, params: { evidenceId, revision: 1, erasedAt: erased.at } };
  }),
];

const measures: RefusalCase[] = [
  refusal('measuresNotInStage', 'refuses a measure while the mandate is being clarified', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.command('MeasurePlanned', p.people.ikbo, p.measurePayload()), params: { stage: 'mandate' } };
  }),
  refusal('measureTemplateUnknown', 'refuses a measure from a template that does not exist', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const command = p.command('MeasurePlanned', p.people.ikbo, p.measurePayload({ templateId: 'gibt-es-nicht' }));
    return { p, command, params: { templateId: 'gibt-es-nicht' } };
  }),
  refusal('measureAlreadyExists', 'refuses a measure under an id already taken', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const measureId = await p.planMeasure();
    return { p, command: p.command('MeasurePlanned', p.people.ikbo, p.measurePayload({ measureId })), params: { measureId } };
  }),
  refusal('measureNotFound', 'refuses to start a measure that does not exist', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    return { p, command: p.command('MeasureStarted', p.people.ikbo, { measureId: 'm-fehlt' }), params: { measureId: 'm-fehlt' } };
  }),
  refusal('measureStepNotAllowed', 'refuses to complete a measure that was planned but never started', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const measureId = await p.planMeasure({ title: 'Seminar Anerkennungsberatung' });
    const command = p.command('MeasureCompleted', p.people.ikbo, { measureId, outcome: 'Erledigt.' });
    return { p, command, params: { measureId, title: 'Seminar Anerkennungsberatung', status: 'planned', step: 'MeasureCompleted' } };
  }),
  refusal('measureNeedsEvidence', 'refuses to complete a staff survey without its survey report', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const measureId = await p.planMeasure({ templateId: 'training-needs-survey', iqLevel: 'staff', title: 'Schulungsbedarfe abfragen' });
    await p.accept(p.command('MeasureStarted', p.people.ikbo, { measureId }));
    const command = p.command('MeasureCompleted', p.people.ikbo, { measureId, outcome: 'Befragung durchgeführt.' });
    return { p, command, params: { measureId, title: 'Schulungsbedarfe abfragen', kinds: ['umfragebericht'] } };
  }),
  refusal('dueInPast', 'refuses a measure due before the day it is planned', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    return {
      p,
      command: p.command('MeasurePlanned', p.people.ikbo, p.measurePayload({ due: '2024-01-01' })),
      params: { due: '2024-01-01' },
    };
  }),
];

const assessment: RefusalCase[] = [
  refusal('assessmentNotInStage', 'refuses an assessment while the mandate is being clarified', async () => {
    const p = await ProcessDriver.open();
    const command = p.command('AssessmentRecorded', p.people.ikbo, { standardId: 'language-access', level: 0, evidenceIds: [], note: '' });
    return { p, command, params: { stage: 'mandate' } };
  }),
  refusal('assessmentNeedsEvidence', 'refuses level 2 without evidence', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const command = p.command('AssessmentRecorded', p.people.ikbo, { standardId: 'language-access', level: 2, evidenceIds: [], note: '' });
    return {
      p,
      command,
      params: { standardId: 'language-access', level: 2, fromLevel: 2, kinds: evidenceKindsOf(p, 'language-access') },
    };
  }),
  refusal('evidenceKindNotAccepted', 'refuses a Kontrakt as evidence for language access', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const evidenceId = await p.attach('kontrakt');
    const command = p.command('AssessmentRecorded', p.people.ikbo, {
      standardId: 'language-access',
      level: 2,
      evidenceIds: [evidenceId],
      note: '',
    });
    return { p, command, params: { standardId: 'language-access', evidenceId, kind: 'kontrakt' } };
  }),
  refusal('evidenceExpired', 'refuses evidence past its review date', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const evidenceId = await p.attach('sprachenliste', {
      documentDate: '2023-01-02',
      reviewBy: '2023-12-31',
      proves: { stage: null, measureId: null, standardIds: ['language-access'] },
    });
    const command = p.command('AssessmentRecorded', p.people.ikbo, {
      standardId: 'language-access',
      level: 2,
      evidenceIds: [evidenceId],
      note: '',
    });
    return { p, command, params: { evidenceId, reviewBy: '2023-12-31' } };
  }),
];

const stagesAndExitCriteria: RefusalCase[] = [
  refusal('stageMismatch', 'refuses to advance from a stage the process is not in', async () => {
    const p = await ProcessDriver.open();
    const command = p.command('StageAdvanced', p.people.ikbo, { from: 'setup', to: 'baseline' });
    return { p, command, params: { expected: 'mandate', got: 'setup' } };
  }),
  refusal('wrongNextStage', 'refuses to skip a stage', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.advanceCommand('baseline'), params: { expected: ['setup'], got: 'baseline' } };
  }),
  refusal('missingEvidence', 'refuses to leave the mandate without a Kontrakt', async () => {
    const p = await ProcessDriver.open();
    return {
      p,
      command: p.advanceCommand(),
      params: { stage: 'mandate', criterionId: 'written-mandate', kinds: ['kontrakt'], have: 0, need: 1 },
    };
  }),
  refusal('standardsNotAssessed', 'refuses to leave the baseline before every standard is assessed', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    const missing = p.engine.rulebook.catalog.standards.map((s) => s.id);
    return { p, command: p.advanceCommand(), params: { stage: 'baseline', missing } };
  }),
  refusal('tooFewMeasuresPlanned', 'refuses to leave the plan without a planned measure', async () => {
    const p = await (await ProcessDriver.open()).reach('plan');
    return { p, command: p.advanceCommand(), params: { stage: 'plan', have: 0, need: 1 } };
  }),
  refusal('tooFewMeasuresCompleted', 'refuses to leave implementation before a measure is done', async () => {
    const p = await (await ProcessDriver.open()).reach('implementation');
    return { p, command: p.advanceCommand(), params: { stage: 'implementation', have: 0, need: 1 } };
  }),
  refusal('measuresOverdue', 'refuses to leave implementation while a measure is overdue', async () => {
    const p = await (await ProcessDriver.open()).reach('plan');
    await p.planMeasure();
    const late = await p.planMeasure({ title: 'Merkblatt übersetzen', due: p.today() });
    await p.reach('implementation');
    await p.meetCriteria();
    const command = { ...p.advanceCommand(), at: '2024-03-01T09:00:00.000Z' };
    return { p, command, params: { measureIds: [late], titles: ['Merkblatt übersetzen'] } };
  }),
  refusal('signOffMissing', 'refuses to leave the mandate before the managing director signed it', async () => {
    const p = await ProcessDriver.open();
    await p.attach('kontrakt');
    return { p, command: p.advanceCommand(), params: { stage: 'mandate', roles: ['managingDirector'] } };
  }),
  refusal('signOffPending', 'refuses to leave the mandate while its sign-off is pending', async () => {
    const { p, requestId } = await mandateRequested();
    return { p, command: p.advanceCommand(), params: { stage: 'mandate', requestId, roles: ['managingDirector'] } };
  }),
  refusal('signOffRefused', 'refuses to leave the mandate after its sign-off was refused', async () => {
    const { p, requestId } = await mandateRequested();
    await p.decide(p.people.gf, 'managingDirector', requestId, 'refused');
    return { p, command: p.advanceCommand(), params: { stage: 'mandate', requestId } };
  }),
  refusal('signOffStale', 'refuses to leave the mandate after the signed Kontrakt was revised', async () => {
    const { p, kontrakt, requestId } = await mandateRequested();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    await p.accept(p.command('EvidenceRevised', p.people.ikbo, revisionPayload(p, kontrakt, 2)));
    return { p, command: p.advanceCommand(), params: { stage: 'mandate', requestId, evidenceIds: [kontrakt] } };
  }),
];

const signOff: RefusalCase[] = [
  refusal('signOffNotNeeded', 'refuses a sign-off request for implementation without an external agreement', async () => {
    const p = await (await ProcessDriver.open()).reach('implementation');
    // Exactly what the UI would send: the builder names no role, since none is needed.
    return { p, command: p.requestCommand(), params: { stage: 'implementation' } };
  }),
  refusal('signOffAlreadyOpen', 'refuses a second request while one is open', async () => {
    const { p, requestId } = await mandateRequested();
    return { p, command: p.requestCommand(), params: { requestId } };
  }),
  refusal('signOffAlreadyGranted', 'refuses a request for a milestone already granted', async () => {
    const { p, requestId } = await mandateRequested();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    return { p, command: p.requestCommand(), params: { requestId } };
  }),
  refusal('requestAlreadyExists', 'refuses a request under an id already taken', async () => {
    const { p, requestId } = await mandateRequested();
    return { p, command: p.requestCommand({ requestId }), params: { requestId } };
  }),
  refusal('requestMismatch', 'refuses a request that leaves out evidence proving the stage', async () => {
    const p = await ProcessDriver.open();
    await p.attach('kontrakt');
    const built = p.requestCommand();
    return { p, command: { ...built, payload: { ...built.payload, covers: [] } }, params: { field: 'covers' } };
  }),
  refusal('requestNotFound', 'refuses a decision on a request that does not exist', async () => {
    const { p, requestId } = await mandateRequested();
    const built = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    return { p, command: { ...built, payload: { ...built.payload, requestId: 'r-fehlt' } }, params: { requestId: 'r-fehlt' } };
  }),
  refusal('requestClosed', 'refuses a refusal of a request already granted', async () => {
    const { p, requestId } = await mandateRequested();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    const command = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { decision: 'refused' });
    return { p, command, params: { requestId, status: 'granted' } };
  }),
  refusal('requestHashMismatch', 'refuses a decision signed over another event than the request', async () => {
    const { p, requestId } = await mandateRequested();
    const other = p.w.log.events.find((e) => e.type === 'EvidenceAttached')?.hash ?? '';
    const built = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    const command = await p.resign({ ...built, payload: { ...built.payload, requestHash: other } }, p.people.gf.key);
    return { p, command, params: { requestId } };
  }),
  refusal('requestOutdated', 'refuses a decision on a request whose evidence was revised while it waited', async () => {
    const { p, kontrakt, requestId } = await mandateRequested();
    const command = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    await p.accept(p.command('EvidenceRevised', p.people.ikbo, revisionPayload(p, kontrakt, 2)));
    return { p, command, params: { requestId, evidenceIds: [kontrakt] } };
  }),
  refusal('roleNotRequested', 'refuses a grant by the regional directorate where only the managing director was asked', async () => {
    const { p, requestId } = await mandateRequested();
    const command = await p.decisionCommand(p.people.rd, 'regionalDirectorate', requestId);
    return { p, command, params: { requestId, role: 'regionalDirectorate' } };
  }),
  refusal('roleAlreadyDecided', 'refuses a second grant by the managing director while the staff council is pending', async () => {
    const p = await (await ProcessDriver.open()).reach('baseline');
    await p.planMeasure({ templateId: 'training-needs-survey', iqLevel: 'staff' });
    await p.meetCriteria();
    const { requestId } = await p.request();
    await p.decide(p.people.gf, 'managingDirector', requestId);
    const command = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    return { p, command, params: { requestId, role: 'managingDirector' } };
  }),
  refusal('sameRequesterAndApprover', 'refuses a grant by the person who asked for it', async () => {
    const p = await ProcessDriver.open();
    const both = await DemoWriter.person('p-doppel', 'Dana Doppel', ['ambassador', 'regionalDirectorate'], 'Agentur für Arbeit Test');
    await p.accept(p.command('PersonRegistered', p.people.ikbo, await p.registrationOf(both)));
    await p.attach('kontrakt');
    const request = p.requestCommand({ by: both });
    await p.accept(request);
    const command = await p.decisionCommand(both, 'regionalDirectorate', request.payload.requestId);
    return { p, command, params: { personId: 'p-doppel' } };
  }),
  refusal('signedBeforeRequest', 'refuses a decision signed before the request was made', async () => {
    const { p, requestId } = await mandateRequested();
    const command = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { signedAt: BEFORE_THE_PROCESS });
    return { p, command, params: { requestId } };
  }),
  refusal('badSignature', 'refuses a decision whose signature was altered', async () => {
    const { p, requestId } = await mandateRequested();
    const built = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    const { signature } = built.payload;
    // The first character carries whole bits of r (the last one partly padding).
    const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
    return {
      p,
      command: { ...built, payload: { ...built.payload, signature: flipped } },
      params: { keyId: p.people.gf.key.record.keyId, requestId },
    };
  }),
];

/** The signatures of events: who records an event must sign it, with a key valid for them there. */
const signatures: RefusalCase[] = [
  refusal('noSigningKey', 'records nothing without the key of the person recording (a locked profile)', async () => {
    const p = await ProcessDriver.open();
    return { p, command: p.evidenceCommand('kontrakt'), params: {}, signer: null };
  }),
  refusal('founderMustSign', 'refuses an opening signed with another key than the one it registers for the founder', async () => {
    const p = await ProcessDriver.unopened();
    const command = p.command('ProcessOpened', p.people.ikbo, p.openingPayload());
    return { p, command, params: { keyId: p.people.gf.key.record.keyId }, signer: DemoWriter.signer(p.people.gf) };
  }),
  refusal('keyProofMissing', 'refuses to register a person without their key’s proof of possession', async () => {
    const p = await ProcessDriver.open();
    const person = await newcomer(['managingDirector']);
    const command = p.command('PersonRegistered', p.people.ikbo, p.w.registration(person));
    return { p, command, params: { keyId: person.key.record.keyId } };
  }),
  refusal('keyProofInvalid', 'refuses to register someone else’s public key as a new person’s: the proof is not the key’s', async () => {
    const p = await ProcessDriver.open();
    const victim = await newcomer(['managingDirector']);
    // The ambassador has the victim's public key (an identity file) and proves possession with her own key.
    const keyProof = await proveKeyPossession('p-neu', p.people.ikbo.key);
    const command = p.command('PersonRegistered', p.people.ikbo, { ...p.w.registration(victim), keyProof });
    return { p, command, params: { keyId: victim.key.record.keyId, personId: 'p-neu' } };
  }),
  refusal('recorderNotAllowed', 'refuses a decision recorded by someone who is neither its signer nor an ambassador', async () => {
    const { p, requestId } = await mandateRequested();
    const command = await p.decisionCommand(p.people.gf, 'managingDirector', requestId);
    const { rd } = p.people;
    return { p, command, params: { keyId: rd.key.record.keyId, personId: rd.personId }, signer: DemoWriter.signer(rd) };
  }),
  refusal('eventSignatureInvalid', 'refuses an event changed after its recorder signed it, its hash recomputed', async () => {
    const p = await ProcessDriver.open();
    const last = p.w.log.events.at(-1) as LoggedEvent;
    const signed = await sealAndSign(p.snapshot, p.evidenceCommand('kontrakt'), last, sha256, DemoWriter.signer(p.people.ikbo));
    const edited = { ...signed, payload: { ...signed.payload, title: 'Kontrakt (nachträglich geändert)' } };
    const { hash: _hash, signature, ...body } = edited;
    const command = { ...body, hash: await computeHash(body as SealedEvent, sha256), signature };
    return { p, command, params: { keyId: p.people.ikbo.key.record.keyId }, logged: true };
  }),
  refusal('eventUnsigned', 'refuses an unsigned event in a log whose events are signed', async () => {
    const p = await ProcessDriver.open();
    const last = p.w.log.events.at(-1) as LoggedEvent;
    return { p, command: await seal(p.evidenceCommand('kontrakt'), last, sha256), params: { signedFrom: 1 }, logged: true };
  }),
];

const GROUPS: Record<string, RefusalCase[]> = {
  'process and people': processAndPeople,
  evidence,
  erasures,
  measures,
  assessment,
  'stages and exit criteria': stagesAndExitCriteria,
  'sign-off': signOff,
  signatures,
};

async function expectRefused({ code, provoke }: RefusalCase): Promise<void> {
  const provoked = await provoke();
  const { p, command, params } = provoked;
  const eventsBefore = p.w.log.events.length;
  const explained = CHECKED_BEFORE_THE_MACHINE.has(code) ? [] : explainCommand(p.engine, p.snapshot, command as ProcessCommand);

  const outcome = provoked.logged
    ? await p.admit(command as LoggedEvent)
    : 'signer' in provoked
      ? await p.send(command, provoked.signer)
      : await p.send(command);

  expect(outcome.ok).toBe(false);
  expect(outcome.reasons).toContainEqual({ code, params });
  expect(outcome.appended).toBe(0);
  expect(p.w.log.events).toHaveLength(eventsBefore);
  expect(outcome.stateKept).toBe(true);
  for (const reason of outcome.reasons.filter((r) => r.code === code)) {
    const de = describeReason(reason, 'de', p.engine.rulebook);
    const en = describeReason(reason, 'en', p.engine.rulebook);
    for (const message of [de, en]) {
      expect(message.trim()).not.toBe('');
      expect(message).not.toBe(code);
      expect(message).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(de).not.toBe(en);
    // explain names the same reason as the refusal, so a disabled button words it as the refusal does.
    if (!CHECKED_BEFORE_THE_MACHINE.has(code)) expect(explained).toContainEqual({ code, params });
  }
}

describe('refusals', () => {
  for (const [group, cases] of Object.entries(GROUPS)) {
    describe(group, () => {
      for (const c of cases) it(`${c.spec} (${c.code})`, () => expectRefused(c));
    });
  }

  it('has a case for every reason code, and none for a code that does not exist', () => {
    const covered = Object.values(GROUPS).flatMap((cases) => cases.map((c) => c.code));
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual([...REASON_CODES].sort());
  });
});
