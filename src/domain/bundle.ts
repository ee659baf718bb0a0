/**
 * The audit bundle (docs/audit-bundle.md): everything an auditor needs to verify a process
 * without trusting the exporter. The events carry the proof; the people and evidence sections are
 * conveniences that verification recomputes from the events and compares.
 *
 * Format 2, written since every event is signed by its actor, and format 1, written before: the
 * same members, but in format 1 no event is signed and the head covers less. Both are read; only
 * format 2 is written. A format-2 log may begin with unsigned events (a process recorded before
 * the upgrade that went on after it); the verdict says from which event on it is signed.
 */
import * as z from 'zod/mini';
import { allEvidence } from '../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import { Agency, Base64Url, eventUnion, Id, IsoDateTime, KeyId, Sha256Hex } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { PROCESS_MACHINE_VERSION } from '../../machines/process/process.machine.ts';
import { RoleId, Slug } from '../../standards/schema.ts';
import { LoggedEvent } from './chain.ts';
import type { SigningKey } from './crypto/keys.ts';
import type { ProcessEngine } from './process-engine.ts';
import { type BundleHeadStatement, type BundleHeadStatementV2, signStatement } from './statements.ts';

export const BUNDLE_FORMAT = 'ankerpunkt.audit-bundle';
/** The version written. */
export const BUNDLE_FORMAT_VERSION = 2;
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];

export const BundleKey = z.strictObject({
  keyId: KeyId,
  algorithm: z.literal('ECDSA-P256-SHA256'),
  publicKey: Base64Url,
  registeredAt: IsoDateTime,
  revokedAt: z.nullable(IsoDateTime),
});

export const BundlePerson = z.strictObject({
  personId: Id,
  name: z.string(),
  roles: z.array(RoleId),
  organisation: z.string(),
  keys: z.array(BundleKey),
});
export type BundlePerson = z.infer<typeof BundlePerson>;

export const EvidenceIndexEntry = z.strictObject({
  evidenceId: Id,
  revision: z.int().check(z.minimum(1)),
  kind: Slug,
  title: z.string(),
  contentType: z.enum(['file', 'link', 'note']),
  name: z.nullable(z.string()),
  mediaType: z.nullable(z.string()),
  size: z.nullable(z.int().check(z.minimum(0))),
  sha256: Sha256Hex,
  /**
   * Only on a revision whose file content was erased (EvidenceErased): when, by whom, why. Absent
   * otherwise, so bundles without erasures are byte for byte what format 1 always was.
   */
  erased: z.optional(z.strictObject({ erasedAt: IsoDateTime, erasedBy: Id, reason: z.string() })),
});
export type EvidenceIndexEntry = z.infer<typeof EvidenceIndexEntry>;

const headFields = {
  type: z.literal('ankerpunkt.bundle-head'),
  processId: Id,
  eventCount: z.int().check(z.minimum(1)),
  headHash: Sha256Hex,
  exportedAt: IsoDateTime,
  exportedBy: z.strictObject({ personId: Id, keyId: KeyId }),
  signature: Base64Url,
};

export const BundleHeadV1 = z.strictObject({ ...headFields, version: z.literal(1) });

/** The format-2 head also signs what the file says it is: format, versions. */
export const BundleHeadV2 = z.strictObject({
  ...headFields,
  version: z.literal(2),
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(2),
  templateVersion: z.string(),
  catalogVersion: z.string(),
  machineVersion: z.string(),
});
export type BundleHeadV2 = z.infer<typeof BundleHeadV2>;

/** An event of a format-1 log: never signed. */
const UnsignedEvent = eventUnion({ seq: z.int().check(z.minimum(1)), prevHash: Sha256Hex, hash: Sha256Hex });

const bundleFields = {
  format: z.literal(BUNDLE_FORMAT),
  process: z.strictObject({ processId: Id, agency: Agency }),
  templateVersion: z.string(),
  catalogVersion: z.string(),
  machineVersion: z.string(),
  people: z.array(BundlePerson),
  evidence: z.array(EvidenceIndexEntry),
};

export const AuditBundleV1 = z.strictObject({
  ...bundleFields,
  formatVersion: z.literal(1),
  events: z.array(UnsignedEvent).check(z.minLength(1)),
  head: BundleHeadV1,
});

export const AuditBundleV2 = z.strictObject({
  ...bundleFields,
  formatVersion: z.literal(2),
  events: z.array(LoggedEvent).check(z.minLength(1)),
  head: BundleHeadV2,
});
export type AuditBundleV2 = z.infer<typeof AuditBundleV2>;

export const AuditBundle = z.discriminatedUnion('formatVersion', [AuditBundleV1, AuditBundleV2]);
export type AuditBundle = z.infer<typeof AuditBundle>;

export function peopleOf(ctx: ProcessContext): BundlePerson[] {
  return Object.values(ctx.people).map((person) => ({
    personId: person.personId,
    name: person.name,
    roles: person.roles,
    organisation: person.organisation,
    keys: Object.values(ctx.keys)
      .filter((key) => key.personId === person.personId)
      .map((key) => ({
        keyId: key.keyId,
        algorithm: 'ECDSA-P256-SHA256' as const,
        publicKey: key.publicKey,
        registeredAt: key.registeredAt,
        revokedAt: key.revokedAt,
      })),
  }));
}

export function evidenceIndexOf(ctx: ProcessContext): EvidenceIndexEntry[] {
  return allEvidence(ctx).flatMap((evidence) =>
    evidence.revisions.map((rev) => ({
      evidenceId: evidence.evidenceId,
      revision: rev.revision,
      kind: evidence.kind,
      title: rev.title,
      contentType: rev.content.type,
      name: rev.content.type === 'file' ? rev.content.name : null,
      mediaType: rev.content.type === 'file' ? rev.content.mediaType : null,
      size: rev.content.type === 'file' ? rev.content.size : null,
      sha256: rev.content.sha256,
      ...(rev.erasure ? { erased: rev.erasure } : {}),
    })),
  );
}

export function headStatement(head: AuditBundle['head']): BundleHeadStatement {
  const { signature: _signature, ...statement } = head;
  return statement;
}

/** Exports a log as a format-2 bundle whose head is signed by `exporter` (a registered person). */
export async function buildBundle(args: {
  engine: ProcessEngine;
  events: readonly LoggedEvent[];
  snapshot: ProcessSnapshot;
  exporter: { personId: string; key: SigningKey };
  exportedAt: string;
}): Promise<AuditBundleV2> {
  const { events, snapshot, exporter } = args;
  const last = events[events.length - 1];
  const ctx = snapshot.context;
  if (!last || !ctx.agency) throw new Error('an empty process cannot be exported');
  const statement: BundleHeadStatementV2 = {
    type: 'ankerpunkt.bundle-head',
    version: 2,
    format: BUNDLE_FORMAT,
    formatVersion: 2,
    processId: ctx.processId,
    templateVersion: ctx.templateVersion,
    catalogVersion: ctx.catalogVersion,
    machineVersion: PROCESS_MACHINE_VERSION,
    eventCount: events.length,
    headHash: last.hash,
    exportedAt: args.exportedAt,
    exportedBy: { personId: exporter.personId, keyId: exporter.key.record.keyId },
  };
  return {
    format: BUNDLE_FORMAT,
    formatVersion: 2,
    process: { processId: ctx.processId, agency: ctx.agency },
    templateVersion: ctx.templateVersion,
    catalogVersion: ctx.catalogVersion,
    machineVersion: PROCESS_MACHINE_VERSION,
    people: peopleOf(ctx),
    events: [...events],
    evidence: evidenceIndexOf(ctx),
    head: { ...statement, signature: await signStatement(exporter.key.privateKey, statement) },
  };
}

export function serializeBundle(bundle: AuditBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
