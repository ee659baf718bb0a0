/**
 * A sign-off across two devices, as two files (docs/sign-off-files.md). The ambassador exports a
 * request file: the whole log as a signed audit bundle plus the evidence files the request
 * covers, so the director's own Ankerpunkt can verify everything before showing it. The
 * director's device answers with a response file: the signed decision, nothing else. Both are
 * hostile input until proven otherwise: size caps first, then strict schemas, then the proof.
 *
 * Pure: no storage, no UI. Storing the results is src/db/signoff-files.ts.
 */
import * as z from 'zod/mini';
import { findEvidence, findRequest } from '../../machines/process/process.collections.ts';
import type { ProcessContext, SignOffRequestRecord } from '../../machines/process/process.context.ts';
import { type EventOf, Id, ProcessCommand, Sha256Hex as Sha256HexSchema } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { requestsFor } from '../../machines/process/process.queries.ts';
import { AuditBundleV1, AuditBundleV2 } from './bundle.ts';
import type { LoggedEvent } from './chain.ts';
import { canonicalJson } from './crypto/canonical-json.ts';
import { lowSForm } from './crypto/keys.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { slugOf } from './file-names.ts';
import { type JsonBytesProblem, parseJsonBytes } from './json-bytes.ts';
import type { ProcessEngine } from './process-engine.ts';
import { parseBounded } from './schema-check.ts';
import { type SchemaIssue, schemaIssues } from './schema-reasons.ts';
import { type BrokenProblem, type InvalidProblem, verifyBundle } from './verify.ts';

export const REQUEST_FORMAT = 'ankerpunkt.sign-off-request';
export const RESPONSE_FORMAT = 'ankerpunkt.sign-off-response';
/**
 * The version written: 2 since every event is signed (the request file carries a format-2
 * bundle). Version 1 files, saved before, are still read: a version-1 request carries a
 * format-1 bundle; a response is the same in both.
 */
export const EXCHANGE_FORMAT_VERSION = 2;
const READABLE_EXCHANGE_VERSIONS: readonly unknown[] = [1, 2];

/** A log and its covered evidence files (each up to 50 MB, base64 adds a third) fit well below this. */
export const MAX_REQUEST_FILE_BYTES = 100 * 1024 * 1024;
/** A signed decision is well under 2 KB; the cap leaves room for a long comment and nothing else. */
export const MAX_RESPONSE_FILE_BYTES = 64 * 1024;

const Base64 = z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'));

export const RequestEvidenceFile = z.strictObject({
  sha256: Sha256HexSchema,
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  mediaType: z.string().check(z.minLength(1), z.maxLength(255)),
  base64: Base64,
});
export type RequestEvidenceFile = z.infer<typeof RequestEvidenceFile>;

const requestFields = {
  format: z.literal(REQUEST_FORMAT),
  requestId: Id,
  files: z.array(RequestEvidenceFile).check(z.maxLength(1000)),
};

export const SignOffRequestFile = z.discriminatedUnion('formatVersion', [
  z.strictObject({ ...requestFields, formatVersion: z.literal(1), bundle: AuditBundleV1 }),
  z.strictObject({ ...requestFields, formatVersion: z.literal(2), bundle: AuditBundleV2 }),
]);
export type SignOffRequestFile = z.infer<typeof SignOffRequestFile>;

export const SignOffResponseFile = z.strictObject({
  format: z.literal(RESPONSE_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  processId: Id,
  requestId: Id,
  decision: ProcessCommand,
});
export type SignOffResponseFile = z.infer<typeof SignOffResponseFile>;

export type SignedDecision = EventOf<'SignOffGranted' | 'SignOffRefused'>;

export type FileKind = 'request' | 'response';

/** Why a file cannot be read at all; nothing has been changed when one of these is returned. */
export type FileProblem =
  | JsonBytesProblem
  | { code: 'wrongFormat'; expected: FileKind; got: FileKind | 'bundle' | 'unknown' }
  | { code: 'wrongVersion'; got: unknown }
  | { code: 'schema'; issues: SchemaIssue[] };

/** Why a well-formed request file cannot be opened for review. */
export type RequestProblem =
  | FileProblem
  | { code: 'bundleInvalid'; problem: InvalidProblem }
  | { code: 'bundleBroken'; seq: number | null; problem: BrokenProblem }
  | { code: 'fileDigestMismatch'; name: string }
  | { code: 'fileNotCovered'; name: string }
  | { code: 'requestNotFound'; requestId: string }
  | { code: 'requestNotOpen'; requestId: string };

/** Why a well-formed response file is not appended, before the engine is even asked. */
export type ResponseProblem =
  | FileProblem
  | { code: 'wrongProcess'; processId: string }
  | { code: 'alreadyImported'; requestId: string }
  /** Same event id or signature as a decision in the log, but other content: edited after signing. */
  | { code: 'alteredCopy'; requestId: string };

type Decoded = { ok: true; json: unknown } | { ok: false; problem: FileProblem };

function kindOf(format: unknown): FileKind | 'bundle' | 'unknown' {
  if (format === REQUEST_FORMAT) return 'request';
  if (format === RESPONSE_FORMAT) return 'response';
  if (format === 'ankerpunkt.audit-bundle') return 'bundle';
  return 'unknown';
}

/** Size, UTF-8, JSON, format and version: what both files share before their own schema. */
function decode(bytes: Uint8Array, expected: FileKind, limit: number): Decoded {
  const read = parseJsonBytes(bytes, limit);
  if (!read.ok) return read;
  const { json } = read;
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  const got = kindOf(format);
  if (got !== expected) return { ok: false, problem: { code: 'wrongFormat', expected, got } };
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (!READABLE_EXCHANGE_VERSIONS.includes(version)) return { ok: false, problem: { code: 'wrongVersion', got: version } };
  return { ok: true, json };
}

function schemaProblem(error: Parameters<typeof schemaIssues>[0]): FileProblem {
  return { code: 'schema', issues: schemaIssues(error) };
}

// ---------------------------------------------------------------------------------------------
// Base64 for evidence files. Built in chunks: String.fromCharCode over a whole 50 MB file would
// overflow the argument stack, and one string concatenation per byte is needlessly slow.

export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(''));
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The request file

/** An evidence file a request covers, as the request file carries it. */
export interface CoveredFile {
  evidenceId: string;
  revision: number;
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
}

/** The file evidence a request covers, in the revision it covers: what the director must see. */
export function coveredFiles(ctx: ProcessContext, request: SignOffRequestRecord): CoveredFile[] {
  return request.covers.flatMap((cover) => {
    const revision = findEvidence(ctx, cover.evidenceId)?.revisions.find((r) => r.revision === cover.revision);
    const content = revision?.content;
    if (content?.type !== 'file' || content.sha256 !== cover.sha256) return [];
    return [
      {
        evidenceId: cover.evidenceId,
        revision: cover.revision,
        sha256: content.sha256,
        name: content.name,
        mediaType: content.mediaType,
        size: content.size,
      },
    ];
  });
}

/**
 * Whether a request still waits for a decision: open, the latest for its stage in its cycle,
 * and for the stage the process stands in. Older open requests were superseded by a newer one.
 */
export function isOpenRequest(ctx: ProcessContext, request: SignOffRequestRecord): boolean {
  if (request.status !== 'open' || request.stage !== ctx.stage || request.cycle !== ctx.cycle) return false;
  const requests = requestsFor(ctx, request.stage, request.cycle);
  return requests[requests.length - 1]?.requestId === request.requestId;
}

export function buildRequestFile(args: {
  bundle: AuditBundleV2;
  requestId: string;
  files: readonly { sha256: string; name: string; mediaType: string; bytes: Uint8Array }[];
}): SignOffRequestFile {
  return {
    format: REQUEST_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    requestId: args.requestId,
    bundle: args.bundle,
    files: args.files.map((f) => ({ sha256: f.sha256, name: f.name, mediaType: f.mediaType, base64: toBase64(f.bytes) })),
  };
}

export function serializeExchangeFile(file: SignOffRequestFile | SignOffResponseFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parseRequestFile(bytes: Uint8Array): { ok: true; file: SignOffRequestFile } | { ok: false; problem: FileProblem } {
  const decoded = decode(bytes, 'request', MAX_REQUEST_FILE_BYTES);
  if (!decoded.ok) return decoded;
  const parsed = parseBounded(SignOffRequestFile, decoded.json, z.unknown());
  return parsed.success ? { ok: true, file: parsed.data } : { ok: false, problem: schemaProblem(parsed) };
}

/** An evidence file from a request file, its digest recomputed. */
export interface ReceivedFile {
  sha256: string;
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface CheckedRequest {
  events: LoggedEvent[];
  snapshot: ProcessSnapshot;
  request: SignOffRequestRecord;
  files: ReceivedFile[];
}

/**
 * Everything a request file claims, proven: the bundle verifies (chain, signatures against the
 * keys valid at the time, the exporter's signed head, replay), every evidence file matches its
 * digest and is one the request covers, and the request is in the log and still open.
 */
export async function checkRequestFile(
  eng: ProcessEngine,
  file: SignOffRequestFile,
  sha256: Sha256Hex,
): Promise<{ ok: true; checked: CheckedRequest } | { ok: false; problem: RequestProblem }> {
  const verdict = await verifyBundle(eng, file.bundle, sha256);
  if (verdict.status === 'invalid') return { ok: false, problem: { code: 'bundleInvalid', problem: verdict.problem } };
  if (verdict.status === 'broken')
    return { ok: false, problem: { code: 'bundleBroken', seq: verdict.event?.seq ?? null, problem: verdict.problem } };
  const ctx = verdict.snapshot.context;
  const request = findRequest(ctx, file.requestId);
  if (!request) return { ok: false, problem: { code: 'requestNotFound', requestId: file.requestId } };
  if (!isOpenRequest(ctx, request)) return { ok: false, problem: { code: 'requestNotOpen', requestId: file.requestId } };
  const covered = new Set(coveredFiles(ctx, request).map((f) => f.sha256));
  const files: ReceivedFile[] = [];
  for (const entry of file.files) {
    if (!covered.has(entry.sha256)) return { ok: false, problem: { code: 'fileNotCovered', name: entry.name } };
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(entry.base64);
    } catch {
      return { ok: false, problem: { code: 'fileDigestMismatch', name: entry.name } };
    }
    if ((await sha256(bytes)) !== entry.sha256) return { ok: false, problem: { code: 'fileDigestMismatch', name: entry.name } };
    files.push({ sha256: entry.sha256, name: entry.name, mediaType: entry.mediaType, bytes });
  }
  return { ok: true, checked: { events: file.bundle.events, snapshot: verdict.snapshot, request, files } };
}

// ---------------------------------------------------------------------------------------------
// The response file

export function buildResponseFile(processId: string, decision: SignedDecision): SignOffResponseFile {
  const { type, id, at, actor, payload } = decision;
  return {
    format: RESPONSE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    processId,
    requestId: payload.requestId,
    decision: { type, id, at, actor, payload } as SignedDecision,
  };
}

export function parseResponseFile(
  bytes: Uint8Array,
): { ok: true; file: SignOffResponseFile & { decision: SignedDecision } } | { ok: false; problem: FileProblem } {
  const decoded = decode(bytes, 'response', MAX_RESPONSE_FILE_BYTES);
  if (!decoded.ok) return decoded;
  const parsed = parseBounded(SignOffResponseFile, decoded.json, z.unknown());
  if (!parsed.success) return { ok: false, problem: schemaProblem(parsed) };
  const { decision, requestId } = parsed.data;
  if (decision.type !== 'SignOffGranted' && decision.type !== 'SignOffRefused') {
    return {
      ok: false,
      problem: {
        code: 'schema',
        issues: [{ path: 'decision.type', message: 'expected SignOffGranted or SignOffRefused', problem: 'invalid' }],
      },
    };
  }
  if (decision.payload.requestId !== requestId) {
    return {
      ok: false,
      problem: { code: 'schema', issues: [{ path: 'decision.payload.requestId', message: `expected ${requestId}`, problem: 'invalid' }] },
    };
  }
  // A director's device of an older version may have signed in the high-s form; its low-s twin is
  // the same signature by the same key, and the form every signed log requires. Taking the twin
  // here, before any comparison, keeps reading the same file twice idempotent.
  const signature = lowSForm(decision.payload.signature);
  return { ok: true, file: { ...parsed.data, decision: { ...decision, payload: { ...decision.payload, signature } } } };
}

/** A decision already in the log, as far as telling a repeated import apart needs. */
export interface LoggedDecision {
  id: string;
  requestId: string;
  signature: string;
  /** Canonical JSON of what a repeated response must repeat exactly: type, actor, payload. */
  content: string;
}

/** Everything of a decision but its envelope id and time, which are not signed and may differ. */
function decisionContent(d: { type: string; actor: unknown; payload: unknown }): string {
  return canonicalJson({ type: d.type, actor: d.actor, payload: d.payload });
}

export function loggedDecisions(events: readonly LoggedEvent[]): LoggedDecision[] {
  return events.flatMap((e) =>
    e.type === 'SignOffGranted' || e.type === 'SignOffRefused'
      ? [{ id: e.id, requestId: e.payload.requestId, signature: e.payload.signature, content: decisionContent(e) }]
      : [],
  );
}

/**
 * What importing a response into a log means: the decision as a command to append, or why not
 * before the engine is asked. The same response twice is recognised by its event id or its
 * signature and appends nothing. `at` is when the decision enters this log (the director's clock
 * is not this log's, and `at` is not signed); `signedAt` and the signature stay as signed, so the
 * engine checks the signature, the signer's key and role, four eyes and the request's state.
 */
export function responseCommand(
  snapshot: ProcessSnapshot,
  file: SignOffResponseFile & { decision: SignedDecision },
  logged: readonly LoggedDecision[],
  at: string,
): { ok: true; command: SignedDecision } | { ok: false; problem: ResponseProblem } {
  const ctx = snapshot.context;
  if (file.processId !== ctx.processId) return { ok: false, problem: { code: 'wrongProcess', processId: file.processId } };
  const { decision } = file;
  const known = logged.find(
    (d) => d.id === decision.id || (d.requestId === decision.payload.requestId && d.signature === decision.payload.signature),
  );
  // The very same response again appends nothing; a copy of it with anything changed was edited
  // after signing, and saying "already read in" would hide that.
  if (known) {
    const code = known.content === decisionContent(decision) ? 'alreadyImported' : 'alteredCopy';
    return { ok: false, problem: { code, requestId: file.requestId } };
  }
  return { ok: true, command: { ...decision, at } };
}

// ---------------------------------------------------------------------------------------------
// File names

export function requestFileName(agencyName: string, stageTitle: string, day: string): string {
  return `freigabeantrag-${slugOf(agencyName)}-${slugOf(stageTitle)}-${day}.json`;
}

export function responseFileName(agencyName: string, stageTitle: string, decision: 'granted' | 'refused', day: string): string {
  return `freigabeantwort-${slugOf(agencyName)}-${slugOf(stageTitle)}-${decision === 'granted' ? 'erteilt' : 'abgelehnt'}-${day}.json`;
}
