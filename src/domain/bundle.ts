/**
 * The audit bundle, format version 1 (docs/audit-bundle.md): everything an auditor needs to
 * verify a process without trusting the exporter. The events carry the proof; the people and
 * evidence sections are conveniences that verification recomputes from the events and compares.
 */
import * as z from 'zod/mini';
import { allEvidence } from '../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import { Agency, Base64Url, Id, IsoDateTime, KeyId, Sha256Hex } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { PROCESS_MACHINE_VERSION } from '../../machines/process/process.machine.ts';
import { RoleId, Slug } from '../../standards/schema.ts';
import { LoggedEvent } from './chain.ts';
import type { SigningKey } from './crypto/keys.ts';
import type { ProcessEngine } from './process-engine.ts';
import { type BundleHeadStatement, signStatement } from './statements.ts';

export const BUNDLE_FORMAT = 'ankerpunkt.audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

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

export const BundleHead = z.strictObject({
  type: z.literal('ankerpunkt.bundle-head'),
  version: z.literal(1),
  processId: Id,
  eventCount: z.int().check(z.minimum(1)),
  headHash: Sha256Hex,
  exportedAt: IsoDateTime,
  exportedBy: z.strictObject({ personId: Id, keyId: KeyId }),
  signature: Base64Url,
});

export const AuditBundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  process: z.strictObject({ processId: Id, agency: Agency }),
  templateVersion: z.string(),
  catalogVersion: z.string(),
  machineVersion: z.string(),
  people: z.array(BundlePerson),
  events: z.array(LoggedEvent).check(z.minLength(1)),
  evidence: z.array(EvidenceIndexEntry),
  head: BundleHead,
});
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

export function headStatement(head: z.infer<typeof BundleHead>): BundleHeadStatement {
  const { signature: _signature, ...statement } = head;
  return statement;
}

/** Exports a log as a bundle whose head is signed by `exporter` (a registered person). */
export async function buildBundle(args: {
  engine: ProcessEngine;
  events: readonly LoggedEvent[];
  snapshot: ProcessSnapshot;
  exporter: { personId: string; key: SigningKey };
  exportedAt: string;
}): Promise<AuditBundle> {
  const { events, snapshot, exporter } = args;
  const last = events[events.length - 1];
  const ctx = snapshot.context;
  if (!last || !ctx.agency) throw new Error('an empty process cannot be exported');
  const statement: BundleHeadStatement = {
    type: 'ankerpunkt.bundle-head',
    version: 1,
    processId: ctx.processId,
    eventCount: events.length,
    headHash: last.hash,
    exportedAt: args.exportedAt,
    exportedBy: { personId: exporter.personId, keyId: exporter.key.record.keyId },
  };
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
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
