/**
 * A small script runner for writing realistic process histories: a clock that only moves
 * forward, people with real keys, and one method per thing an ambassador or director does.
 * Every step goes through the real engine and is signed by the person who does it; a step the
 * machine refuses is a bug in the script and stops it with the machine's reasons.
 */

import { findEvidence, findRequest } from '../../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import type { Actor, EvidenceContent, EvidenceProves, PayloadOf, PersonRegistration } from '../../../machines/process/process.events.ts';
import type { RoleId, StageId } from '../../../standards/schema.ts';
import { utf8 } from '../crypto/encoding.ts';
import { generateSigningKey, type SigningKey } from '../crypto/keys.ts';
import type { Sha256Hex } from '../crypto/sha256.ts';
import { type EventSigner, proveKeyPossession } from '../event-signature.ts';
import { MemoryLog } from '../memory-log.ts';
import type { ProcessEngine } from '../process-engine.ts';
import { signOffDecisionCommand, signOffRequestCommand } from '../signoff-commands.ts';

export interface ScriptPerson {
  personId: string;
  name: string;
  roles: RoleId[];
  organisation: string;
  key: SigningKey;
}

export interface DemoFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

type AttachArgs = {
  kind: string;
  title: string;
  proves?: Partial<EvidenceProves>;
  reviewBy?: string | null;
  documentDate?: string;
} & ({ file: { name: string; mediaType: string; text: string } } | { link: string } | { note: string });

export class DemoWriter {
  readonly log: MemoryLog;
  /** Evidence file contents by SHA-256, as the app would store them. */
  readonly files = new Map<string, DemoFile>();
  /**
   * People who decide on sign-offs on a device of their own, each with the ambassador who records
   * their decisions: those come as response files, and the event that places one in the log is
   * signed by the ambassador who reads it in.
   */
  readonly remoteDeciders = new Map<string, ScriptPerson>();
  private now: Date;
  private counter = 0;

  constructor(
    readonly engine: ProcessEngine,
    private readonly sha256: Sha256Hex,
    start: string,
  ) {
    this.log = new MemoryLog(engine, sha256);
    this.now = new Date(start);
  }

  get ctx(): ProcessContext {
    return this.log.snapshot.context;
  }

  /** Moves the clock to a day (09:00 UTC plus a few minutes per step on the same day). */
  on(day: string): this {
    const next = new Date(`${day}T09:00:00.000Z`);
    if (next > this.now) this.now = next;
    return this;
  }

  private tick(): string {
    this.now = new Date(this.now.getTime() + 7 * 60_000);
    return this.now.toISOString();
  }

  private today(): string {
    return this.now.toISOString().slice(0, 10);
  }

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}-${String(this.counter).padStart(4, '0')}`;
  }

  static async person(personId: string, name: string, roles: RoleId[], organisation: string): Promise<ScriptPerson> {
    return { personId, name, roles, organisation, key: await generateSigningKey() };
  }

  /** The founder's registration in the opening, which the founder's own key signs. */
  registration(person: ScriptPerson): PersonRegistration {
    return { personId: person.personId, name: person.name, roles: person.roles, organisation: person.organisation, key: person.key.record };
  }

  /** Registers another person, with their key's proof of possession (as their identity file has it). */
  async register(by: ScriptPerson, person: ScriptPerson): Promise<void> {
    const keyProof = await proveKeyPossession(person.personId, person.key);
    await this.record('PersonRegistered', by, { ...this.registration(person), keyProof });
  }

  /** Registers a new key of a person already in the process, with its proof of possession. */
  async registerKey(by: ScriptPerson, person: ScriptPerson, key: SigningKey): Promise<void> {
    const keyProof = await proveKeyPossession(person.personId, key);
    await this.record('KeyRegistered', by, { personId: person.personId, key: key.record, keyProof });
  }

  static signer(person: ScriptPerson): EventSigner {
    return { personId: person.personId, key: person.key };
  }

  actor(person: ScriptPerson, role: RoleId = person.roles[0] as RoleId): Actor {
    return { personId: person.personId, role };
  }

  async record<T extends Parameters<MemoryLog['append']>[0]['type']>(
    type: T,
    by: ScriptPerson,
    payload: PayloadOf<T>,
    role?: RoleId,
  ): Promise<void> {
    const command = { type, id: this.nextId('e'), at: this.tick(), actor: this.actor(by, role), payload } as Parameters<
      MemoryLog['append']
    >[0];
    const result = await this.log.append(command, DemoWriter.signer(by));
    if (!result.ok) throw new Error(`demo step ${type} refused: ${JSON.stringify(result.reasons)}`);
  }

  async attach(by: ScriptPerson, args: AttachArgs): Promise<string> {
    const evidenceId = this.nextId('n');
    const content = await this.content(args);
    await this.record('EvidenceAttached', by, {
      evidenceId,
      kind: args.kind,
      title: args.title,
      documentDate: args.documentDate ?? this.today(),
      reviewBy: args.reviewBy ?? null,
      proves: { stage: args.proves?.stage ?? null, measureId: args.proves?.measureId ?? null, standardIds: args.proves?.standardIds ?? [] },
      content,
    });
    return evidenceId;
  }

  async revise(by: ScriptPerson, evidenceId: string, args: AttachArgs & { reason: string }): Promise<void> {
    const evidence = findEvidence(this.ctx, evidenceId);
    if (!evidence) throw new Error(`no evidence ${evidenceId}`);
    await this.record('EvidenceRevised', by, {
      evidenceId,
      revision: evidence.revisions.length + 1,
      title: args.title,
      documentDate: args.documentDate ?? this.today(),
      reviewBy: args.reviewBy ?? null,
      content: await this.content(args),
      reason: args.reason,
    });
  }

  private async content(args: AttachArgs): Promise<EvidenceContent> {
    if ('link' in args) return { type: 'link', url: args.link, sha256: await this.sha256(args.link) };
    if ('note' in args) return { type: 'note', text: args.note, sha256: await this.sha256(args.note) };
    const bytes = utf8(args.file.text);
    const sha256 = await this.sha256(bytes);
    this.files.set(sha256, { name: args.file.name, mediaType: args.file.mediaType, bytes });
    return { type: 'file', name: args.file.name, mediaType: args.file.mediaType, size: bytes.length, sha256 };
  }

  async planMeasure(
    by: ScriptPerson,
    args: Omit<PayloadOf<'MeasurePlanned'>, 'measureId' | 'budgetCents'> & { budgetCents?: number },
  ): Promise<string> {
    const measureId = this.nextId('m');
    await this.record('MeasurePlanned', by, { ...args, measureId, budgetCents: args.budgetCents ?? null });
    return measureId;
  }

  async assess(by: ScriptPerson, ratings: Record<string, [level: number, evidenceIds: string[], note: string]>): Promise<void> {
    for (const [standardId, [level, evidenceIds, note]] of Object.entries(ratings)) {
      await this.record('AssessmentRecorded', by, { standardId, level, evidenceIds, note });
    }
  }

  async requestSignOff(by: ScriptPerson, note = ''): Promise<string> {
    const requestId = this.nextId('r');
    const command = signOffRequestCommand(this.engine, this.log.snapshot, {
      id: this.nextId('e'),
      at: this.tick(),
      actor: this.actor(by, 'ambassador'),
      requestId,
      note,
    });
    const result = await this.log.append(command, DemoWriter.signer(by));
    if (!result.ok) throw new Error(`demo sign-off request refused: ${JSON.stringify(result.reasons)}`);
    return requestId;
  }

  /**
   * A decision signed by `by`; recorded by `by` too, unless they decide on a device of their own
   * (remoteDeciders), when the ambassador who asked records it.
   */
  async decide(by: ScriptPerson, role: RoleId, requestId: string, decision: 'granted' | 'refused', comment: string): Promise<void> {
    const at = this.tick();
    const command = await signOffDecisionCommand(this.log.snapshot, {
      id: this.nextId('e'),
      at,
      signedAt: at,
      actor: this.actor(by, role),
      key: by.key,
      requestId,
      decision,
      comment,
    });
    const recorder = this.remoteDeciders.get(by.personId) ?? by;
    const result = await this.log.append(command, DemoWriter.signer(recorder));
    if (!result.ok) throw new Error(`demo sign-off decision refused: ${JSON.stringify(result.reasons)}`);
  }

  /** Requests the milestone and has every required role grant it. */
  async signOffStage(
    by: ScriptPerson,
    signers: Partial<Record<RoleId, ScriptPerson>>,
    comments: Partial<Record<RoleId, string>> = {},
  ): Promise<void> {
    const requestId = await this.requestSignOff(by);
    for (const role of findRequest(this.ctx, requestId)?.requiredRoles ?? []) {
      const signer = signers[role];
      if (!signer) throw new Error(`demo has no signer for ${role}`);
      await this.decide(signer, role, requestId, 'granted', comments[role] ?? '');
    }
  }

  async advance(by: ScriptPerson, to: StageId): Promise<void> {
    await this.record('StageAdvanced', by, { from: this.ctx.stage, to });
  }
}
