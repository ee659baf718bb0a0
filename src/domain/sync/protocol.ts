/**
 * The sync protocol between the app and a sync server (docs/sync-server.md), as pure data and
 * functions: the shapes of every request and response body (zod, parsed on both sides through the
 * strict JSON reader), how a request is signed, and the error codes with their German and English
 * texts. The server (src/server/) and the client (client.ts) both import it, so they cannot
 * disagree about a member's name or a signed byte.
 */
import * as z from 'zod/mini';
import { Id, KeyId, Sha256Hex } from '../../../machines/process/process.events.ts';
import type { Reason } from '../../../machines/process/reasons.ts';
import { type ChainProblem, LoggedEvent } from '../chain.ts';
import { toBase64Url } from '../crypto/encoding.ts';
import type { SigningKey } from '../crypto/keys.ts';
import { parseJsonBytes } from '../json-bytes.ts';
import { parseBounded } from '../schema-check.ts';
import { COMMAND_PARSE, type SchemaIssue, schemaIssues } from '../schema-reasons.ts';
import { type SyncRequestStatement, signStatement } from '../statements.ts';

export const PROTOCOL_VERSION = 1;

/** The headers of a signed request. */
export const HEADERS = {
  keyId: 'ankerpunkt-key',
  timestamp: 'ankerpunkt-timestamp',
  nonce: 'ankerpunkt-nonce',
  signature: 'ankerpunkt-signature',
} as const;

/** How far a request's timestamp may be from the server's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Events in one push; a longer outbox is pushed in several. */
export const MAX_EVENTS_PER_PUSH = 500;

/** Events in one pull answer; `more` says whether to ask again. */
export const MAX_EVENTS_PER_PULL = 1000;

export const Head = z.strictObject({ seq: z.int().check(z.minimum(1)), hash: Sha256Hex });
export type Head = z.infer<typeof Head>;

export const Nonce = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected 16 to 64 base64url characters'));
export const InvitationCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected an invitation code'));

/**
 * A push: new events built on `base` (null for a log the server does not hold yet, which then
 * needs an invitation code). Each event is checked with the log's own schema one by one, so a
 * refusal names its position; here they are only JSON values.
 */
export const PushRequest = z.strictObject({
  base: z.nullable(Head),
  events: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_PUSH)),
  invitation: z.optional(InvitationCode),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.strictObject({
  processId: Id,
  head: Head,
  /** Events stored by this push. */
  appended: z.int().check(z.minimum(0)),
  /** Events of the push the server already held (same id and hash): a retry, acknowledged. */
  duplicates: z.int().check(z.minimum(0)),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullResponse = z.strictObject({
  processId: Id,
  head: Head,
  events: z.array(LoggedEvent),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const ProcessList = z.strictObject({
  processes: z.array(z.strictObject({ processId: Id, head: Head, personId: Id })),
});
export type ProcessList = z.infer<typeof ProcessList>;

/** What the live stream sends (`event: head`) whenever a process's log grows. */
export const HeadNotice = z.strictObject({ processId: Id, head: Head });
export type HeadNotice = z.infer<typeof HeadNotice>;

/** Every error the server answers with, by code; `ERROR_TEXT` has their texts. */
export const ERROR_CODES = [
  'notFound',
  'methodNotAllowed',
  'badRequest',
  'tooLarge',
  'malformedJson',
  'schema',
  'signatureMissing',
  'signatureInvalid',
  'timestampSkewed',
  'nonceReplayed',
  'keyUnknown',
  'keyRevoked',
  'processNotFound',
  'invitationInvalid',
  'notContiguous',
  'headMoved',
  'refused',
  'rateLimited',
  'internal',
] as const;
export type SyncErrorCode = (typeof ERROR_CODES)[number];

/**
 * The body of every error answer: a code, and what the client needs to act on it. Loose, so a
 * newer server may add members an older client does not know.
 */
export const ErrorBody = z.looseObject({
  error: z.string(),
  /** headMoved: the server's head, to pull from before rebasing. */
  head: z.optional(z.nullable(Head)),
  /** refused: which event of the push, and the engine's problem with it. */
  index: z.optional(z.int()),
  eventId: z.optional(z.string()),
  problem: z.optional(z.unknown()),
  /** rateLimited: seconds to wait. */
  retryAfter: z.optional(z.int()),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * Why an event of a push was refused: exactly what `ankerpunkt verify` would say of it at that
 * place (chain.ts, or the engine's reasons: signature, cryptography, the machine), or its schema.
 */
export type RefusalProblem = ChainProblem | { code: 'refused'; reasons: Reason[] } | { code: 'schema'; issues: SchemaIssue[] };

export const ERROR_TEXT: Record<SyncErrorCode, { de: string; en: string }> = {
  notFound: { de: 'Diese Adresse kennt der Server nicht.', en: 'The server does not know this address.' },
  methodNotAllowed: { de: 'Diese Anfrage ist hier nicht vorgesehen.', en: 'This request is not allowed here.' },
  badRequest: { de: 'Die Anfrage ist unvollständig oder fehlerhaft.', en: 'The request is incomplete or malformed.' },
  tooLarge: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  malformedJson: { de: 'Die Anfrage ist kein gültiges JSON.', en: 'The request is not valid JSON.' },
  schema: { de: 'Die Anfrage hat nicht die erwartete Form.', en: 'The request does not have the expected shape.' },
  signatureMissing: { de: 'Die Anfrage ist nicht signiert.', en: 'The request is not signed.' },
  signatureInvalid: { de: 'Die Signatur der Anfrage ist ungültig.', en: 'The request signature is invalid.' },
  timestampSkewed: {
    de: 'Die Uhr dieses Geräts weicht zu weit von der des Servers ab.',
    en: "This device's clock is too far from the server's.",
  },
  nonceReplayed: { de: 'Diese Anfrage wurde schon einmal gesendet.', en: 'This request was already sent once.' },
  keyUnknown: {
    de: 'Dieser Schlüssel ist in keinem Prozess auf dem Server registriert.',
    en: 'This key is not registered in any process on the server.',
  },
  keyRevoked: { de: 'Dieser Schlüssel wurde widerrufen.', en: 'This key has been revoked.' },
  processNotFound: {
    de: 'Diesen Prozess gibt es auf dem Server nicht, oder Sie sind darin nicht registriert.',
    en: 'The server holds no such process, or you are not registered in it.',
  },
  invitationInvalid: {
    de: 'Der Einladungscode ist ungültig, abgelaufen oder schon benutzt.',
    en: 'The invitation code is invalid, expired or already used.',
  },
  notContiguous: { de: 'Die gesendeten Ereignisse schließen nicht lückenlos an.', en: 'The events sent are not contiguous.' },
  headMoved: {
    de: 'Auf dem Server sind inzwischen weitere Einträge hinzugekommen. Bitte zuerst abgleichen.',
    en: 'The log on the server has moved on. Please pull first.',
  },
  refused: { de: 'Der Server hat einen Eintrag abgelehnt.', en: 'The server refused an entry.' },
  rateLimited: { de: 'Zu viele Anfragen. Bitte kurz warten.', en: 'Too many requests. Please wait a moment.' },
  internal: { de: 'Auf dem Server ist ein Fehler aufgetreten.', en: 'An error occurred on the server.' },
};

/** The statement a request's signature covers. */
export function requestStatement(parts: Omit<SyncRequestStatement, 'type' | 'version'>): SyncRequestStatement {
  return { type: 'ankerpunkt.sync-request', version: 1, ...parts };
}

export interface RequestToSign {
  method: string;
  /** Path with query, as sent: `/v1/processes/p-1/events?after=3`. */
  path: string;
  body: Uint8Array;
}

/** 16 random bytes, base64url: unique per request, so the server can refuse a replay. */
export function randomNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The headers that sign `request` with a device key at `now`. */
export async function signRequest(
  key: SigningKey,
  request: RequestToSign,
  now: number,
  sha256: (bytes: Uint8Array) => Promise<string> | string,
): Promise<Record<string, string>> {
  const timestamp = String(now);
  const nonce = randomNonce();
  const statement = requestStatement({
    method: request.method.toUpperCase(),
    path: request.path,
    bodySha256: await sha256(request.body),
    timestamp,
    nonce,
    keyId: key.record.keyId,
  });
  return {
    [HEADERS.keyId]: key.record.keyId,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.nonce]: nonce,
    [HEADERS.signature]: await signStatement(key.privateKey, statement),
  };
}

export const SignatureHeaders = z.strictObject({
  keyId: KeyId,
  timestamp: z.string().check(z.regex(/^\d{1,15}$/, 'expected milliseconds since 1970')),
  nonce: Nonce,
  signature: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/, 'expected a P-256 signature, base64url')),
});
export type SignatureHeaders = z.infer<typeof SignatureHeaders>;

export type BodyProblem =
  | { code: 'tooLarge'; limit: number }
  | { code: 'malformedJson'; problem: unknown }
  | { code: 'schema'; issues: SchemaIssue[] };

/**
 * Reads a body, request or response, as every handed-over file is read: size first, strict
 * JSON, then the bounded schema check. The raw JSON is returned beside the parsed value, since
 * events are stored and hashed as they were sent, not as the schema rebuilt them.
 */
export function readBody<T>(
  bytes: Uint8Array,
  schema: z.ZodMiniType<T>,
  limit: number,
): { ok: true; value: T; json: unknown } | { ok: false; problem: BodyProblem } {
  const read = parseJsonBytes(bytes, limit);
  if (!read.ok) {
    return read.problem.code === 'tooLarge'
      ? { ok: false, problem: { code: 'tooLarge', limit } }
      : { ok: false, problem: { code: 'malformedJson', problem: read.problem } };
  }
  const parsed = parseBounded(schema, read.json, z.unknown(), COMMAND_PARSE);
  if (!parsed.success) return { ok: false, problem: { code: 'schema', issues: schemaIssues(parsed) } };
  return { ok: true, value: parsed.data, json: read.json };
}
