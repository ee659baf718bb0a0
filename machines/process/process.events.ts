/**
 * The vocabulary of the process: every fact that can happen to an agency's DIKÖ process, as a
 * zod schema. These are the events the machine consumes and the log stores. They are past-tense
 * facts; a command is simply an event that has not been accepted yet.
 */
import * as z from 'zod/mini';
import { AgencyType, IqLevel, MaturityLevel, RoleId, Slug, StageId } from '../../standards/schema.ts';

export const Id = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'expected an id of letters, digits, "-" and "_"'));
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: false, precision: 3 });
export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'));
export const KeyId = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'expected 32 lower-case hex digits'));
/** Base64url without padding, as RFC 4648 section 5. */
export const Base64Url = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'expected base64url without padding'));
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const OptionalText = (max: number) => z.string().check(z.maxLength(max));

export const Actor = z.strictObject({ personId: Id, role: RoleId });
export type Actor = z.infer<typeof Actor>;

export const PublicKeyRecord = z.strictObject({
  keyId: KeyId,
  algorithm: z.literal('ECDSA-P256-SHA256'),
  /** The uncompressed SEC1 point (65 bytes), base64url. */
  publicKey: Base64Url.check(z.length(87)),
});
export type PublicKeyRecord = z.infer<typeof PublicKeyRecord>;

const personFields = {
  personId: Id,
  name: Text(200),
  roles: z.array(RoleId).check(z.minLength(1)),
  organisation: OptionalText(200),
  key: PublicKeyRecord,
};
export const PersonRegistration = z.strictObject(personFields);
export type PersonRegistration = z.infer<typeof PersonRegistration>;

/** An ECDSA P-256 signature, IEEE P1363 (r||s, 64 bytes), base64url. */
export const Signature = Base64Url.check(z.length(86));

/**
 * The new key's own signature over its key-possession statement (docs/audit-bundle.md): that
 * whoever holds the private key agreed to be registered as this person. Required in the signed
 * part of a log (format 2); absent in logs recorded before events were signed.
 */
const keyProof = z.optional(Signature);

export const Agency = z.strictObject({
  name: Text(200),
  type: AgencyType,
  region: Text(200),
});
export type Agency = z.infer<typeof Agency>;

export const EvidenceContent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('file'),
    name: Text(255),
    mediaType: Text(255),
    size: z.int().check(z.minimum(0)),
    sha256: Sha256Hex,
  }),
  /** sha256 is over the UTF-8 bytes of the URL. */
  z.strictObject({ type: z.literal('link'), url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2000)), sha256: Sha256Hex }),
  /** sha256 is over the UTF-8 bytes of the text. */
  z.strictObject({ type: z.literal('note'), text: Text(10_000), sha256: Sha256Hex }),
]);
export type EvidenceContent = z.infer<typeof EvidenceContent>;

export const EvidenceProves = z.strictObject({
  stage: z.nullable(StageId),
  measureId: z.nullable(Id),
  standardIds: z.array(Slug),
});
export type EvidenceProves = z.infer<typeof EvidenceProves>;

export const SignOffCover = z.strictObject({ evidenceId: Id, revision: z.int().check(z.minimum(1)), sha256: Sha256Hex });
export type SignOffCover = z.infer<typeof SignOffCover>;

const payloads = {
  ProcessOpened: z.strictObject({
    processId: Id,
    agency: Agency,
    templateVersion: z.string().check(z.minLength(1)),
    catalogVersion: z.string().check(z.minLength(1)),
    startedOn: IsoDate,
    founder: PersonRegistration,
  }),
  PersonRegistered: z.strictObject({ ...personFields, keyProof }),
  KeyRegistered: z.strictObject({ personId: Id, key: PublicKeyRecord, keyProof }),
  KeyRevoked: z.strictObject({ personId: Id, keyId: KeyId, reason: Text(1000) }),
  EvidenceAttached: z.strictObject({
    evidenceId: Id,
    kind: Slug,
    title: Text(300),
    documentDate: IsoDate,
    reviewBy: z.nullable(IsoDate),
    proves: EvidenceProves,
    content: EvidenceContent,
  }),
  EvidenceRevised: z.strictObject({
    evidenceId: Id,
    revision: z.int().check(z.minimum(2)),
    title: Text(300),
    documentDate: IsoDate,
    reviewBy: z.nullable(IsoDate),
    content: EvidenceContent,
    reason: Text(1000),
  }),
  /**
   * The content of one stored file revision was erased from this device (personal data uploaded
   * by mistake). Revision and digest name exactly which bytes; the log keeps both, so the trail
   * still proves what was there. Links and notes live in the log itself and cannot be erased.
   */
  EvidenceErased: z.strictObject({
    evidenceId: Id,
    revision: z.int().check(z.minimum(1)),
    sha256: Sha256Hex,
    reason: Text(1000),
  }),
  MeasurePlanned: z.strictObject({
    measureId: Id,
    templateId: z.nullable(Slug),
    title: Text(300),
    owner: Text(200),
    due: IsoDate,
    indicator: Text(1000),
    iqLevel: IqLevel,
    budgetCents: z.nullable(z.int().check(z.minimum(0))),
  }),
  MeasureStarted: z.strictObject({ measureId: Id }),
  MeasureCompleted: z.strictObject({ measureId: Id, outcome: Text(2000) }),
  MeasureReplanned: z.strictObject({ measureId: Id, due: IsoDate, reason: Text(1000) }),
  MeasureCancelled: z.strictObject({ measureId: Id, reason: Text(1000) }),
  AssessmentRecorded: z.strictObject({
    standardId: Slug,
    level: MaturityLevel,
    evidenceIds: z.array(Id),
    note: OptionalText(2000),
  }),
  SignOffRequested: z.strictObject({
    requestId: Id,
    stage: StageId,
    cycle: z.int().check(z.minimum(1)),
    milestoneId: Slug,
    requiredRoles: z.array(RoleId),
    covers: z.array(SignOffCover),
    note: OptionalText(2000),
  }),
  SignOffGranted: z.strictObject({
    requestId: Id,
    requestHash: Sha256Hex,
    comment: OptionalText(2000),
    signedAt: IsoDateTime,
    keyId: KeyId,
    /** ECDSA P-256 over the canonical sign-off statement, IEEE P1363 (r||s), base64url. */
    signature: Signature,
  }),
  SignOffRefused: z.strictObject({
    requestId: Id,
    requestHash: Sha256Hex,
    comment: Text(2000),
    signedAt: IsoDateTime,
    keyId: KeyId,
    signature: Signature,
  }),
  StageAdvanced: z.strictObject({ from: StageId, to: StageId }),
  ProcessPaused: z.strictObject({ reason: Text(1000) }),
  ProcessResumed: z.strictObject({ note: OptionalText(1000) }),
} as const;

export const PAYLOAD_SCHEMAS = payloads;
export type EventType = keyof typeof payloads;
export type PayloadOf<T extends EventType> = z.infer<(typeof payloads)[T]>;

const envelope = {
  id: Id,
  at: IsoDateTime,
  actor: Actor,
};

/**
 * The union of all facts, each with the common envelope plus `extra` fields. Used once for a
 * proposed fact (no extra) and once, in src/domain, for a fact with its place in the chain.
 */
export function eventUnion<Extra extends z.core.$ZodShape>(extra: Extra) {
  const variant = <T extends EventType>(type: T) =>
    z.strictObject({ ...envelope, ...extra, type: z.literal(type), payload: payloads[type] });
  return z.discriminatedUnion('type', [
    variant('ProcessOpened'),
    variant('PersonRegistered'),
    variant('KeyRegistered'),
    variant('KeyRevoked'),
    variant('EvidenceAttached'),
    variant('EvidenceRevised'),
    variant('EvidenceErased'),
    variant('MeasurePlanned'),
    variant('MeasureStarted'),
    variant('MeasureCompleted'),
    variant('MeasureReplanned'),
    variant('MeasureCancelled'),
    variant('AssessmentRecorded'),
    variant('SignOffRequested'),
    variant('SignOffGranted'),
    variant('SignOffRefused'),
    variant('StageAdvanced'),
    variant('ProcessPaused'),
    variant('ProcessResumed'),
  ]);
}

/** A proposed or recorded fact, without its place in the chain. */
export const ProcessCommand = eventUnion({});
export type ProcessCommand = z.infer<typeof ProcessCommand>;

/**
 * What the machine consumes: the fact, plus its chain hash once it has one, and the key that
 * signed it in a signed log (the machine only notes from which event on the log is signed;
 * src/domain checks the signatures).
 */
export type ProcessEvent = ProcessCommand & { hash?: string; signerKeyId?: string; signature?: string };
export type EventOf<T extends EventType> = Extract<ProcessEvent, { type: T }>;
