/**
 * Verifying an audit bundle without trusting whoever exported it. The same function gives the
 * verdict in the CLI and in the app. It stops at the first problem and names it: a file that
 * is not a bundle at all ("invalid"), or a bundle whose proof breaks at a given event or at the
 * head ("broken").
 */
import * as z from 'zod/mini';
import { allEvidence } from '../../machines/process/process.collections.ts';
import type { ProcessContext } from '../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { type Attribution, founderKeyIdOf, SignatureTally } from './attribution.ts';
import { AuditBundle, BUNDLE_FORMAT, evidenceIndexOf, headStatement, peopleOf, READABLE_FORMAT_VERSIONS } from './bundle.ts';
import { type ChainHead, type ChainProblem, chainProblem, type LoggedEvent } from './chain.ts';
import { canonicalJson } from './crypto/canonical-json.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { checkEventSignature } from './event-signature.ts';
import { type JsonBytesProblem, parseJsonBytes } from './json-bytes.ts';
import { decide, type ProcessEngine } from './process-engine.ts';
import { parseBounded } from './schema-check.ts';
import { COMMAND_PARSE, type SchemaIssue, schemaIssues } from './schema-reasons.ts';
import { verifyStatement } from './statements.ts';

/** Larger files are refused before parsing: 100,000 events take about 60 MB. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

export type { SchemaIssue } from './schema-reasons.ts';

export type InvalidProblem =
  /** Size, encoding and strict JSON (strict-json.ts): each with the byte offset or JSON path. */
  JsonBytesProblem | { code: 'notBundle' } | { code: 'wrongVersion'; got: unknown } | { code: 'schema'; issues: SchemaIssue[] };

export type BrokenProblem =
  | ChainProblem
  /** The event's own signature (format 2): missing, invalid, or by a key not valid here. */
  | { code: 'signature'; reasons: Reason[] }
  | { code: 'refused'; reasons: Reason[] }
  | { code: 'headCountMismatch'; expected: number; got: number }
  | { code: 'headHashMismatch'; expected: string; got: string }
  | { code: 'headProcessMismatch'; expected: string; got: string }
  | { code: 'headSignerUnknown'; personId: string; keyId: string }
  | { code: 'headSignerRevoked'; keyId: string }
  | { code: 'headSignatureInvalid'; keyId: string }
  | { code: 'sectionMismatch'; section: 'process' | 'versions' | 'people' | 'evidence' }
  /** A format-2 head that does not sign what the file says it is. */
  | { code: 'headDescriptionMismatch'; member: 'format' | 'formatVersion' | 'templateVersion' | 'catalogVersion' | 'machineVersion' };

/** Evidence content the log says was erased: expected to be absent, never reported as missing. */
export interface ErasedEvidence {
  evidenceId: string;
  revision: number;
  title: string;
  /** The file's name as attached. */
  name: string;
  sha256: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

export interface BundleSummary {
  processId: string;
  agencyName: string;
  formatVersion: number;
  eventCount: number;
  headHash: string;
  /** Sign-off signatures (statements) checked. */
  signatures: number;
  exportedAt: string;
  exportedBy: string;
  exporterKeyId: string;
  /** Who signed what, and from which event on the log is signed. */
  attribution: Attribution;
  /** Erasures the events record, oldest first. */
  erased: ErasedEvidence[];
}

/** The erased evidence contents of a verified process, as the events record them. */
export function erasedEvidenceOf(ctx: ProcessContext): ErasedEvidence[] {
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  return allEvidence(ctx)
    .flatMap((evidence) =>
      evidence.revisions.flatMap((rev) =>
        rev.erasure
          ? [
              {
                evidenceId: evidence.evidenceId,
                revision: rev.revision,
                title: rev.title,
                name: rev.content.type === 'file' ? rev.content.name : '',
                sha256: rev.content.sha256,
                erasedAt: rev.erasure.erasedAt,
                erasedBy: name(rev.erasure.erasedBy),
                reason: rev.erasure.reason,
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => (a.erasedAt < b.erasedAt ? -1 : a.erasedAt > b.erasedAt ? 1 : 0));
}

export interface EventRef {
  seq: number;
  id: string;
  type: string;
}

export type Verdict =
  | { status: 'intact'; summary: BundleSummary; snapshot: ProcessSnapshot; bundle: AuditBundle }
  | { status: 'broken'; event: EventRef | null; problem: BrokenProblem }
  | { status: 'invalid'; problem: InvalidProblem };

/**
 * Reads bytes as a bundle: size, UTF-8, JSON, no prototype-polluting keys, format and version,
 * then the full schema. The app, the CLI and imports all read bundles through this.
 */
export function parseBundle(bytes: Uint8Array): { ok: true; bundle: AuditBundle } | { ok: false; problem: InvalidProblem } {
  const read = parseJsonBytes(bytes, MAX_BUNDLE_BYTES);
  if (!read.ok) return read;
  const { json } = read;
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BUNDLE_FORMAT) {
    return { ok: false, problem: { code: 'notBundle' } };
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== 'number' || !READABLE_FORMAT_VERSIONS.includes(version)) {
    return { ok: false, problem: { code: 'wrongVersion', got: version } };
  }
  const parsed = parseBounded(AuditBundle, json, z.unknown(), COMMAND_PARSE);
  if (!parsed.success) {
    return { ok: false, problem: { code: 'schema', issues: schemaIssues(parsed) } };
  }
  // The events as they were written, not as the schema rebuilt them: the schema has no defaults
  // or transforms, so they hold the same values, but the schema orders members its own way, and
  // a re-export of an imported log should give the very same bytes.
  return { ok: true, bundle: { ...parsed.data, events: (json as { events: AuditBundle['events'] }).events } };
}

function ref(event: LoggedEvent): EventRef {
  return { seq: event.seq, id: event.id, type: event.type };
}

/**
 * Logs verified in this page (or process), with the state they end in, so that storing a log
 * just verified (importLog after a bundle or request file was checked) does not walk it twice.
 * Keyed by the array object; the length and head hash are checked again on use.
 */
const verifiedLogs = new WeakMap<readonly LoggedEvent[], { count: number; headHash: string; snapshot: ProcessSnapshot }>();

/** The end state of `events` if this exact array was verified and still has the same head. */
export function alreadyVerified(events: readonly LoggedEvent[]): ProcessSnapshot | null {
  const known = verifiedLogs.get(events);
  const last = events[events.length - 1];
  return known && last && known.count === events.length && known.headHash === last.hash ? known.snapshot : null;
}

export type WalkResult =
  | { ok: true; snapshot: ProcessSnapshot; signatures: number; tally: SignatureTally }
  | { ok: false; event: EventRef; problem: BrokenProblem };

/** How many event signatures may be in flight at once, while the walk goes on. */
const SIGNATURE_WINDOW = 256;

/** How many events the walk checks between two calls of `pause` (see verifyEvents). */
const EVENTS_PER_PAUSE = 200;

/**
 * Walks the log once: each event must sit in the chain, carry a valid signature by a key valid
 * at that point (once the log is signed), pass the other cryptographic checks and be accepted by
 * the process machine in the state the events before it produced. The ECDSA work runs while the
 * walk goes on (where WebCrypto does it off the calling thread; Chromium does not, decision 62),
 * up to SIGNATURE_WINDOW events behind it;
 * when the window is full the walk waits for the oldest check only, so the thread pool never runs
 * dry. The first problem by position is reported, whichever check found it.
 *
 * `pause`, if given, is awaited every EVENTS_PER_PAUSE events: in a page the walk otherwise
 * keeps the main thread busy from one settled promise to the next, and the browser neither
 * paints nor answers input until it ends (seconds for a long log).
 */
export async function verifyEvents(
  eng: ProcessEngine,
  events: readonly LoggedEvent[],
  sha256: Sha256Hex,
  pause?: () => Promise<void>,
): Promise<WalkResult> {
  let snapshot = eng.initial;
  let previous: ChainHead | null = null;
  let signatures = 0;
  const seenIds = new Set<string>();
  const tally = new SignatureTally();
  // A queue of checks still running, oldest first (`head` is the index of the oldest).
  const pending: { event: LoggedEvent; check: Promise<Reason[]> }[] = [];
  let head = 0;

  const signatureFailure = (event: LoggedEvent, reasons: Reason[]): WalkResult => ({
    ok: false,
    event: ref(event),
    problem: { code: 'signature', reasons },
  });
  /** Waits for the oldest running check; its failure, or null. */
  const settleOldest = async (): Promise<WalkResult | null> => {
    const oldest = pending[head] as { event: LoggedEvent; check: Promise<Reason[]> };
    pending[head++] = undefined as never;
    const reasons = await oldest.check;
    return reasons.length > 0 ? signatureFailure(oldest.event, reasons) : null;
  };
  /** Waits for every running check, in order: the first (earliest) failure, or null. */
  const settleAll = async (): Promise<WalkResult | null> => {
    while (head < pending.length) {
      const failed = await settleOldest();
      if (failed) return failed;
    }
    return null;
  };
  // An earlier event's failing signature takes precedence over a later problem.
  const fail = async (event: LoggedEvent, problem: BrokenProblem): Promise<WalkResult> =>
    (await settleAll()) ?? { ok: false, event: ref(event), problem };

  for (const [index, event] of events.entries()) {
    if (pause && index > 0 && index % EVENTS_PER_PAUSE === 0) await pause();
    const chain = await chainProblem(event, previous, seenIds, sha256);
    if (chain) return fail(event, chain);
    const check = checkEventSignature(eng.rulebook, snapshot, event);
    if ('reasons' in check) {
      if (check.reasons.length > 0) return fail(event, { code: 'signature', reasons: check.reasons });
    } else pending.push({ event, check: check.pending() });
    const decision = await decide(eng, snapshot, event, sha256, []);
    if (!decision.accepted) return fail(event, { code: 'refused', reasons: decision.reasons });
    if (event.type === 'SignOffGranted' || event.type === 'SignOffRefused') signatures++;
    tally.count(event);
    snapshot = decision.snapshot;
    previous = { seq: event.seq, hash: event.hash };
    if (pending.length - head >= SIGNATURE_WINDOW) {
      const failed = await settleOldest();
      if (failed) return failed;
    }
  }
  const failed = await settleAll();
  if (failed) return failed;
  if (previous) verifiedLogs.set(events, { count: events.length, headHash: previous.hash, snapshot });
  return { ok: true, snapshot, signatures, tally };
}

/** A format-2 head signs what the file says it is; each member must be what the file says. */
function headDescriptionProblem(bundle: AuditBundle): BrokenProblem | null {
  if (bundle.formatVersion !== 2) return null;
  const { head } = bundle;
  for (const member of ['format', 'formatVersion', 'templateVersion', 'catalogVersion', 'machineVersion'] as const) {
    if (head[member] !== bundle[member]) return { code: 'headDescriptionMismatch', member };
  }
  return null;
}

export async function verifyBundle(eng: ProcessEngine, bundle: AuditBundle, sha256: Sha256Hex): Promise<Verdict> {
  const walked = await verifyEvents(eng, bundle.events, sha256);
  if (!walked.ok) return { status: 'broken', event: walked.event, problem: walked.problem };
  const { snapshot } = walked;
  const ctx = snapshot.context;
  const last = bundle.events[bundle.events.length - 1] as LoggedEvent;
  const { head } = bundle;
  const broken = (problem: BrokenProblem): Verdict => ({ status: 'broken', event: null, problem });

  if (head.eventCount !== bundle.events.length)
    return broken({ code: 'headCountMismatch', expected: bundle.events.length, got: head.eventCount });
  if (head.headHash !== last.hash) return broken({ code: 'headHashMismatch', expected: last.hash, got: head.headHash });
  if (head.processId !== ctx.processId) return broken({ code: 'headProcessMismatch', expected: ctx.processId, got: head.processId });
  const key = ctx.keys[head.exportedBy.keyId];
  if (!key || key.personId !== head.exportedBy.personId) {
    return broken({ code: 'headSignerUnknown', personId: head.exportedBy.personId, keyId: head.exportedBy.keyId });
  }
  if (key.revokedAt !== null) return broken({ code: 'headSignerRevoked', keyId: key.keyId });
  const description = headDescriptionProblem(bundle);
  if (description) return broken(description);
  if (!(await verifyStatement(key.publicKey, headStatement(head), head.signature, bundle.formatVersion === 2))) {
    return broken({ code: 'headSignatureInvalid', keyId: key.keyId });
  }

  if (bundle.process.processId !== ctx.processId || canonicalJson(bundle.process.agency) !== canonicalJson(ctx.agency)) {
    return broken({ code: 'sectionMismatch', section: 'process' });
  }
  if (bundle.templateVersion !== ctx.templateVersion || bundle.catalogVersion !== ctx.catalogVersion) {
    return broken({ code: 'sectionMismatch', section: 'versions' });
  }
  if (canonicalJson(bundle.people) !== canonicalJson(peopleOf(ctx))) return broken({ code: 'sectionMismatch', section: 'people' });
  if (canonicalJson(bundle.evidence) !== canonicalJson(evidenceIndexOf(ctx)))
    return broken({ code: 'sectionMismatch', section: 'evidence' });

  const exporter = ctx.people[head.exportedBy.personId];
  return {
    status: 'intact',
    snapshot,
    bundle,
    summary: {
      processId: ctx.processId,
      agencyName: ctx.agency?.name ?? '',
      formatVersion: bundle.formatVersion,
      eventCount: bundle.events.length,
      headHash: last.hash,
      signatures: walked.signatures,
      exportedAt: head.exportedAt,
      exportedBy: exporter?.name ?? head.exportedBy.personId,
      exporterKeyId: head.exportedBy.keyId,
      attribution: walked.tally.attribution(ctx, bundle.events.length, founderKeyIdOf(bundle.events)),
      erased: erasedEvidenceOf(ctx),
    },
  };
}

/** Bytes in, verdict out: what `ankerpunkt verify` and the app's verify screen call. */
export async function verifyBundleBytes(eng: ProcessEngine, bytes: Uint8Array, sha256: Sha256Hex): Promise<Verdict> {
  const parsed = parseBundle(bytes);
  if (!parsed.ok) return { status: 'invalid', problem: parsed.problem };
  return verifyBundle(eng, parsed.bundle, sha256);
}
