/**
 * One process, driven through the real log: the fixture the specification tests share. It wraps
 * the demo's script writer (a forward-only clock, people with real keys) and adds what a test
 * needs besides: a cast that holds every role, a walk to any stage that does only what the exit
 * criteria ask, and commands that are built but not sent, so a test can watch one be refused.
 */
import { createHash } from 'node:crypto';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { EventOf, EventType, PayloadOf, ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { exitCriteriaStatus, measuresOfCycle, type SignOffState, signOffState } from '../../machines/process/process.queries.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import type { LoggedEvent } from '../../src/domain/chain.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import type { SigningKey } from '../../src/domain/crypto/keys.ts';
import { nodeSha256Hex } from '../../src/domain/crypto/node-sha256.ts';
import { DemoWriter, type ScriptPerson } from '../../src/domain/demo/demo-writer.ts';
import { type EventSigner, proveKeyPossession } from '../../src/domain/event-signature.ts';
import { engine as defaultEngine, type ProcessEngine, statementFor } from '../../src/domain/process-engine.ts';
import { signOffDecisionCommand, signOffRequestCommand } from '../../src/domain/signoff-commands.ts';
import { signStatement } from '../../src/domain/statements.ts';
import { type AgencyType, type RoleId, STAGE_ORDER, type StageId } from '../../standards/schema.ts';

export const sha256 = nodeSha256Hex;

/** The digest the log records for a link or a note: SHA-256 over the text's UTF-8 bytes. */
export function digestOf(text: string): string {
  return createHash('sha256').update(utf8(text)).digest('hex');
}

/** One person for every role of the template, none holding two. */
export interface Cast {
  ikbo: ScriptPerson;
  gf: ScriptPerson;
  pr: ScriptPerson;
  tv: ScriptPerson;
  rd: ScriptPerson;
  iq: ScriptPerson;
}

let castOnce: Promise<Cast> | undefined;

/** Keys are generated once per test file; every process registers the same people. */
export function cast(): Promise<Cast> {
  castOnce ??= (async () => {
    const p = DemoWriter.person;
    return {
      ikbo: await p('p-ikbo', 'Leyla Aydın', ['ambassador'], 'Agentur, Migrationsbeauftragte'),
      gf: await p('p-gf', 'Thomas Berger', ['managingDirector'], 'Geschäftsführung'),
      pr: await p('p-pr', 'Jürgen Hoffmann', ['staffCouncil'], 'Personalrat'),
      tv: await p('p-tv', 'Sabine Wolf', ['supervisoryBoard'], 'Trägerversammlung'),
      rd: await p('p-rd', 'Markus Schneider', ['regionalDirectorate'], 'Regionaldirektion'),
      iq: await p('p-iq', 'Elif Kaya', ['iqCoach'], 'IQ Netzwerk'),
    };
  })();
  return castOnce;
}

export interface OpenOptions {
  agencyType?: AgencyType;
  engine?: ProcessEngine;
  start?: string;
}

function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export class ProcessDriver {
  /** People a test registered besides the cast: their keys record for them too. */
  private readonly known = new Map<string, ScriptPerson>();

  private constructor(
    readonly w: DemoWriter,
    readonly people: Cast,
    readonly agencyType: AgencyType,
  ) {}

  /** A log with nothing in it yet. */
  static async unopened(options: OpenOptions = {}): Promise<ProcessDriver> {
    const w = new DemoWriter(options.engine ?? defaultEngine(), sha256, options.start ?? '2024-01-15T08:00:00.000Z');
    return new ProcessDriver(w, await cast(), options.agencyType ?? 'AA');
  }

  /** An opened process in the mandate stage, with the whole cast registered. */
  static async open(options: OpenOptions = {}): Promise<ProcessDriver> {
    const d = await ProcessDriver.unopened(options);
    const { w, people } = d;
    await w.record('ProcessOpened', people.ikbo, d.openingPayload());
    for (const person of [people.gf, people.pr, people.tv, people.rd, people.iq]) await w.register(people.ikbo, person);
    return d;
  }

  openingPayload(): PayloadOf<'ProcessOpened'> {
    const { template, catalog } = this.engine.rulebook;
    return {
      processId: 'proc-test',
      agency: { name: this.agencyType === 'JC' ? 'Jobcenter Test' : 'Agentur für Arbeit Test', type: this.agencyType, region: 'Testland' },
      templateVersion: template.version,
      catalogVersion: catalog.version,
      startedOn: '2024-01-15',
      founder: this.w.registration(this.people.ikbo),
    };
  }

  get engine(): ProcessEngine {
    return this.w.engine;
  }

  get ctx(): ProcessContext {
    return this.w.ctx;
  }

  get snapshot(): ProcessSnapshot {
    return this.w.log.snapshot;
  }

  /** Everyone who may sign a milestone, by the role they sign in. */
  get signers(): Partial<Record<RoleId, ScriptPerson>> {
    const { gf, pr, tv, rd } = this.people;
    return { managingDirector: gf, staffCouncil: pr, supervisoryBoard: tv, regionalDirectorate: rd };
  }

  /** A moment just after the last logged event (one second later). */
  later(): string {
    const last = this.ctx.lastAt || '2024-01-15T08:00:00.000Z';
    return new Date(new Date(last).getTime() + 1000).toISOString();
  }

  today(): string {
    return this.later().slice(0, 10);
  }

  /** A command as the UI would send it, not yet sent. */
  command<T extends EventType>(type: T, by: ScriptPerson, payload: PayloadOf<T>, options: { role?: RoleId; at?: string } = {}): EventOf<T> {
    return {
      type,
      id: this.w.nextId('e'),
      at: options.at ?? this.later(),
      actor: this.w.actor(by, options.role),
      payload,
    } as EventOf<T>;
  }

  /** Evidence the ambassador would attach, as a command with a correct digest. */
  evidenceCommand(
    kind: string,
    overrides: Partial<PayloadOf<'EvidenceAttached'>> = {},
    by: ScriptPerson = this.people.ikbo,
  ): EventOf<'EvidenceAttached'> {
    const url = `https://intranet.example/${kind}`;
    return this.command('EvidenceAttached', by, {
      evidenceId: this.w.nextId('n'),
      kind,
      title: `Nachweis ${kind}`,
      documentDate: this.today(),
      reviewBy: null,
      proves: { stage: this.ctx.stage, measureId: null, standardIds: [] },
      content: { type: 'link', url, sha256: digestOf(url) },
      ...overrides,
    });
  }

  /** The measure payload used when a test does not care about its details. */
  measurePayload(overrides: Partial<PayloadOf<'MeasurePlanned'>> = {}): PayloadOf<'MeasurePlanned'> {
    return {
      measureId: this.w.nextId('m'),
      templateId: null,
      title: 'Beratungsstandard erarbeiten',
      owner: 'Steuerungsgruppe',
      due: plusDays(this.today(), 180),
      indicator: 'Standard abgestimmt',
      iqLevel: 'services',
      budgetCents: null,
      ...overrides,
    };
  }

  /**
   * Who records a command unless a test says otherwise: the acting person, with their key (as on
   * their own device). A person outside the cast has no key here: nothing can be recorded for them.
   */
  signerFor(command: unknown): EventSigner | null {
    const personId = (command as { actor?: { personId?: unknown } }).actor?.personId;
    const person = Object.values(this.people).find((p) => p.personId === personId) ?? this.known.get(String(personId));
    return person ? DemoWriter.signer(person) : null;
  }

  /**
   * A person's registration as their identity file gives it, with their key's proof of
   * possession; from then on their key records what they do.
   */
  async registrationOf(person: ScriptPerson): Promise<PayloadOf<'PersonRegistered'>> {
    this.known.set(person.personId, person);
    return { ...this.w.registration(person), keyProof: await proveKeyPossession(person.personId, person.key) };
  }

  /** Admits an event sealed and signed elsewhere, as verification or a peer's push would. */
  async admit(event: LoggedEvent): Promise<{ ok: boolean; reasons: Reason[]; appended: number; stateKept: boolean }> {
    const before = { count: this.w.log.events.length, snapshot: this.snapshot };
    const result = await this.w.log.admit(event);
    return {
      ok: result.ok,
      reasons: result.ok ? [] : result.reasons,
      appended: this.w.log.events.length - before.count,
      stateKept: this.snapshot === before.snapshot,
    };
  }

  /** Sends a command, recorded by `signer` (the actor by default); the caller looks at the outcome. */
  async send(
    command: unknown,
    signer: EventSigner | null = this.signerFor(command),
  ): Promise<{ ok: boolean; reasons: Reason[]; appended: number; stateKept: boolean }> {
    const before = { count: this.w.log.events.length, snapshot: this.snapshot };
    const result = await this.w.log.append(command as ProcessCommand, signer);
    return {
      ok: result.ok,
      reasons: result.ok ? [] : result.reasons,
      appended: this.w.log.events.length - before.count,
      stateKept: this.snapshot === before.snapshot,
    };
  }

  /** Sends a step of the arrangement; a refusal there is a broken test, not a finding. */
  async accept(command: ProcessCommand, signer: EventSigner | null = this.signerFor(command)): Promise<void> {
    const result = await this.w.log.append(command, signer);
    if (!result.ok) throw new Error(`arrangement step ${command.type} refused: ${JSON.stringify(result.reasons)}`);
  }

  async attach(kind: string, overrides: Partial<PayloadOf<'EvidenceAttached'>> = {}): Promise<string> {
    const command = this.evidenceCommand(kind, overrides);
    await this.accept(command);
    return command.payload.evidenceId;
  }

  async planMeasure(overrides: Partial<PayloadOf<'MeasurePlanned'>> = {}): Promise<string> {
    const payload = this.measurePayload(overrides);
    await this.accept(this.command('MeasurePlanned', this.people.ikbo, payload));
    return payload.measureId;
  }

  /** The sign-off request for the current stage, built from the state as the UI builds it. */
  requestCommand(options: { by?: ScriptPerson; requestId?: string } = {}): EventOf<'SignOffRequested'> {
    return signOffRequestCommand(this.engine, this.snapshot, {
      id: this.w.nextId('e'),
      at: this.later(),
      actor: this.w.actor(options.by ?? this.people.ikbo, 'ambassador'),
      requestId: options.requestId ?? this.w.nextId('r'),
    });
  }

  /** Requests the current milestone; what the request states is what the machine recorded. */
  async request(): Promise<PayloadOf<'SignOffRequested'>> {
    const command = this.requestCommand();
    await this.accept(command);
    return command.payload;
  }

  /** Where the current stage's milestone stands now. */
  milestone(): SignOffState {
    return signOffState(this.engine.rulebook, this.ctx, this.ctx.stage, this.later());
  }

  /** A signed decision on a request, built as the signer's device builds it. */
  decisionCommand(
    by: ScriptPerson,
    role: RoleId,
    requestId: string,
    options: {
      decision?: 'granted' | 'refused';
      comment?: string;
      key?: SigningKey;
      at?: string;
      signedAt?: string;
      snapshot?: ProcessSnapshot;
    } = {},
  ): Promise<EventOf<'SignOffGranted' | 'SignOffRefused'>> {
    const at = options.at ?? this.later();
    const decision = options.decision ?? 'granted';
    return signOffDecisionCommand(options.snapshot ?? this.snapshot, {
      id: this.w.nextId('e'),
      at,
      signedAt: options.signedAt ?? at,
      actor: { personId: by.personId, role },
      key: options.key ?? by.key,
      requestId,
      decision,
      comment: options.comment ?? (decision === 'refused' ? 'Bitte überarbeiten.' : ''),
    });
  }

  async decide(by: ScriptPerson, role: RoleId, requestId: string, decision: 'granted' | 'refused' = 'granted'): Promise<void> {
    await this.accept(await this.decisionCommand(by, role, requestId, { decision }));
  }

  /** Signs `event` again, as a device would that believed what the event now says. */
  async resign<E extends EventOf<'SignOffGranted' | 'SignOffRefused'>>(event: E, key: SigningKey): Promise<E> {
    const statement = statementFor(this.snapshot, event);
    if (!statement) throw new Error(`no request ${event.payload.requestId} to sign against`);
    return { ...event, payload: { ...event.payload, signature: await signStatement(key.privateKey, statement) } };
  }

  /** Meets every exit criterion of the current stage except its sign-off, with the least it takes. */
  async meetCriteria(): Promise<void> {
    const { ikbo } = this.people;
    switch (this.ctx.stage) {
      case 'mandate':
        await this.attach('kontrakt');
        break;
      case 'setup':
        for (const kind of ['mitgliederliste', 'geschaeftsordnung', 'mitteilung']) await this.attach(kind);
        break;
      case 'baseline':
        for (const standard of this.engine.rulebook.catalog.standards) {
          await this.accept(this.command('AssessmentRecorded', ikbo, { standardId: standard.id, level: 0, evidenceIds: [], note: '' }));
        }
        await this.attach('bestandsaufnahme');
        await this.attach('protokoll');
        break;
      case 'plan':
        if (measuresOfCycle(this.ctx).length === 0) await this.planMeasure();
        await this.attach('massnahmenplan');
        break;
      case 'implementation': {
        const measure = measuresOfCycle(this.ctx).find((m) => m.status === 'planned' || m.status === 'running');
        if (!measure) throw new Error('no open measure to complete');
        if (measure.status === 'planned') await this.accept(this.command('MeasureStarted', ikbo, { measureId: measure.measureId }));
        await this.accept(this.command('MeasureCompleted', ikbo, { measureId: measure.measureId, outcome: 'Erledigt.' }));
        await this.attach('protokoll');
        break;
      }
      case 'anchoring':
        await this.attach('hausverfuegung');
        await this.attach('einarbeitungskonzept');
        break;
      default:
        throw new Error(`the driver does not walk through ${this.ctx.stage}`);
    }
  }

  /** Has every role the milestone needs now grant it, if it needs any. */
  async signOff(): Promise<void> {
    const state = this.milestone().state;
    if (state === 'notNeeded' || state === 'granted') return;
    const { requestId, requiredRoles } = await this.request();
    for (const role of requiredRoles) {
      const signer = this.signers[role];
      if (!signer) throw new Error(`no signer for ${role}`);
      await this.decide(signer, role, requestId);
    }
  }

  advanceCommand(to?: StageId): EventOf<'StageAdvanced'> {
    const from = this.ctx.stage;
    return this.command('StageAdvanced', this.people.ikbo, { from, to: to ?? nextStage(from) });
  }

  async advance(): Promise<void> {
    await this.accept(this.advanceCommand());
  }

  /** Walks the process forward, stage by stage, until it stands in `stage`. */
  async reach(stage: StageId): Promise<this> {
    while (this.ctx.stage !== stage) {
      const unmet = exitCriteriaStatus(this.engine.rulebook, this.ctx, this.ctx.stage, this.later()).filter(
        (c) => c.criterion.type !== 'signOff' && !c.met,
      );
      if (unmet.length > 0) await this.meetCriteria();
      await this.signOff();
      await this.advance();
    }
    return this;
  }
}

/** The stage after `stage`; after renewal the next cycle starts with its plan. */
function nextStage(stage: StageId): StageId {
  return STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1] ?? 'plan';
}
