/**
 * The identity file: how a person (a director, say) hands their public key to the ambassador
 * whose process they join. It holds only what registering needs (who, which key, which roles
 * they expect) and nothing secret. It travels as a small JSON file, as text pasted from a
 * phone's QR scanner, or as a QR code of the same JSON. Whoever imports it must treat it as
 * hostile: size cap first, then JSON, then a strict schema, then the key itself is checked.
 * The fingerprint confirmed by phone or in person is what makes the key trustworthy; the file
 * alone proves nothing.
 */
import * as z from 'zod/mini';
import { Id, IsoDateTime, PublicKeyRecord, Signature } from '../../machines/process/process.events.ts';
import { RoleId } from '../../standards/schema.ts';
import { utf8 } from './crypto/encoding.ts';
import { isWellFormedKey } from './crypto/keys.ts';
import { verifyKeyPossession } from './event-signature.ts';
import { slugOf } from './file-names.ts';
import { parseStrictJson } from './strict-json.ts';

export const IDENTITY_FORMAT = 'ankerpunkt.identity';
export const IDENTITY_FORMAT_VERSION = 2;
/** A real identity file is about 400 bytes; the cap leaves room for long names and nothing else. */
export const MAX_IDENTITY_FILE_BYTES = 16 * 1024;

export const IdentityFile = z.strictObject({
  format: z.literal(IDENTITY_FORMAT),
  formatVersion: z.literal(IDENTITY_FORMAT_VERSION),
  personId: Id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  organisation: z.string().check(z.maxLength(200)),
  suggestedRoles: z.array(RoleId).check(z.maxLength(RoleId.options.length)),
  key: PublicKeyRecord,
  /** The key's signature over its key-possession statement for `personId`. */
  keyProof: Signature,
  createdAt: IsoDateTime,
});
export type IdentityFile = z.infer<typeof IdentityFile>;

/** The fields of an identity file, for naming the one that is wrong. */
export type IdentityField = keyof IdentityFile;

export type IdentityFileProblem =
  | { code: 'tooLarge'; bytes: number; limit: number }
  | { code: 'empty' }
  | { code: 'notJson' }
  | { code: 'wrongFormat' }
  | { code: 'wrongVersion' }
  /** A version-1 file: made before keys proved their possession; the person must save it again. */
  | { code: 'outdated' }
  | { code: 'unknownField'; fields: string[] }
  | { code: 'badField'; field: IdentityField }
  | { code: 'badKey' }
  /** The proof of possession does not verify: not made by this key for this person. */
  | { code: 'badProof' };

export type IdentityFileOutcome = { ok: true; identity: IdentityFile } | { ok: false; problem: IdentityFileProblem };

const FIELDS = new Set<string>(Object.keys(IdentityFile.shape));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an identity file from its bytes or from pasted text. Never throws: every way it can
 * be wrong comes back as one problem a person can act on.
 */
export async function parseIdentityFile(input: Uint8Array | string): Promise<IdentityFileOutcome> {
  const size = typeof input === 'string' ? utf8(input).length : input.length;
  if (size > MAX_IDENTITY_FILE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: size, limit: MAX_IDENTITY_FILE_BYTES } };
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { ok: false, problem: { code: 'notJson' } };
  }
  // A byte-order mark (some editors) and surrounding blanks (pasted text) are not content here:
  // an identity file is pasted as often as it is chosen. The rest is read as strictly as a bundle.
  text = text.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, problem: { code: 'empty' } };
  const read = parseStrictJson(utf8(text));
  if (!read.ok) {
    if (read.problem.code !== 'pollutingKey') return { ok: false, problem: { code: 'notJson' } };
    // Said as what it is to the person pasting: a field that does not belong, or a damaged one.
    const top = read.problem.path.split(/[.[]/)[0] ?? '';
    return FIELDS.has(top)
      ? { ok: false, problem: { code: 'badField', field: top as IdentityField } }
      : { ok: false, problem: { code: 'unknownField', fields: [top] } };
  }
  const json = read.json;
  if (!isRecord(json) || json.format !== IDENTITY_FORMAT) return { ok: false, problem: { code: 'wrongFormat' } };
  if (json.formatVersion === 1) return { ok: false, problem: { code: 'outdated' } };
  if (json.formatVersion !== IDENTITY_FORMAT_VERSION) return { ok: false, problem: { code: 'wrongVersion' } };
  const unknown = Object.keys(json).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, problem: { code: 'unknownField', fields: unknown.slice(0, 5) } };
  const parsed = IdentityFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]?.path[0];
    const field = typeof first === 'string' && FIELDS.has(first) ? (first as IdentityField) : 'key';
    return { ok: false, problem: { code: 'badField', field } };
  }
  if (!(await isWellFormedKey(parsed.data.key))) return { ok: false, problem: { code: 'badKey' } };
  if (!(await verifyKeyPossession(parsed.data.personId, parsed.data.key, parsed.data.keyProof))) {
    return { ok: false, problem: { code: 'badProof' } };
  }
  return { ok: true, identity: parsed.data };
}

/** The identity file of a profile: what the person hands over. */
export function identityFileOf(profile: {
  personId: string;
  name: string;
  organisation: string;
  publicKey: PublicKeyRecord;
  keyProof: string;
  suggestedRoles?: readonly RoleId[];
  now: Date;
}): IdentityFile {
  return {
    format: IDENTITY_FORMAT,
    formatVersion: IDENTITY_FORMAT_VERSION,
    personId: profile.personId,
    name: profile.name,
    organisation: profile.organisation,
    suggestedRoles: [...(profile.suggestedRoles ?? [])],
    key: { keyId: profile.publicKey.keyId, algorithm: profile.publicKey.algorithm, publicKey: profile.publicKey.publicKey },
    keyProof: profile.keyProof,
    createdAt: profile.now.toISOString(),
  };
}

/** The JSON as written to the file and put into the QR code: compact, so the code stays small. */
export function serializeIdentityFile(identity: IdentityFile): string {
  return JSON.stringify(identity);
}

/** `ankerpunkt-identitaet-dr-paul-leiter.json`: readable, and safe on every file system. */
export function identityFileName(name: string): string {
  return `ankerpunkt-identitaet-${slugOf(name, 'person')}.json`;
}
