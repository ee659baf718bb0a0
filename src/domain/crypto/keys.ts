/**
 * People's signing keys: ECDSA P-256 with SHA-256 through WebCrypto, which browsers and Node 20
 * both provide. Public keys travel as the uncompressed SEC1 point (65 bytes, base64url);
 * signatures as IEEE P1363 r||s (64 bytes, base64url). A key id is the first 16 bytes of the
 * SHA-256 of the raw public key, in hex.
 *
 * ECDSA signatures are malleable: if (r, s) verifies, so does (r, n − s), and anyone can compute
 * it without the key. So that each act has exactly one signature, we always sign in the low-s
 * form (s ≤ n/2) and a strict verification refuses the other one (format 2 of the bundle).
 */
import type { PublicKeyRecord } from '../../../machines/process/process.events.ts';
import { fromBase64Url, toBase64Url, toHex } from './encoding.ts';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface SigningKey {
  privateKey: CryptoKey;
  record: PublicKeyRecord;
}

async function keyIdOf(raw: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw as Uint8Array<ArrayBuffer>));
  return toHex(digest.subarray(0, 16));
}

export async function publicKeyRecord(raw: Uint8Array): Promise<PublicKeyRecord> {
  return { keyId: await keyIdOf(raw), algorithm: 'ECDSA-P256-SHA256', publicKey: toBase64Url(raw) };
}

/** A fresh key pair. The private key is non-extractable unless the caller must wrap it. */
export async function generateSigningKey(extractable = false): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, extractable, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, record: await publicKeyRecord(raw) };
}

/** The key id written in groups of four, to read aloud on the phone when confirming a key. */
export function fingerprint(keyId: string): string {
  return (keyId.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** Whether a record's key id is the one its public key implies, and the key is a P-256 point. */
export async function isWellFormedKey(record: PublicKeyRecord): Promise<boolean> {
  try {
    const raw = fromBase64Url(record.publicKey);
    if (raw.length !== 65 || raw[0] !== 0x04) return false;
    await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ALGORITHM, false, ['verify']);
    return (await keyIdOf(raw)) === record.keyId;
  } catch {
    return false;
  }
}

/** The order n of the P-256 group, and n/2: the largest s of a low-s signature. */
const CURVE_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = CURVE_ORDER >> 1n;

function bigIntOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** Whether a 64-byte r||s signature is in the low-s form. */
export function isLowS(signature: Uint8Array): boolean {
  return signature.length === 64 && bigIntOf(signature.subarray(32)) <= HALF_ORDER;
}

/** The low-s twin of a 64-byte r||s signature (itself if it already is low-s). */
export function toLowS(signature: Uint8Array): Uint8Array {
  const s = bigIntOf(signature.subarray(32));
  if (s <= HALF_ORDER) return signature;
  let low = CURVE_ORDER - s;
  const out = new Uint8Array(signature);
  for (let i = 63; i >= 32; i--) {
    out[i] = Number(low & 0xffn);
    low >>= 8n;
  }
  return out;
}

/** The low-s form of a base64url signature; malformed input is returned as it is (it will not verify). */
export function lowSForm(signature: string): string {
  try {
    const raw = fromBase64Url(signature);
    return raw.length === 64 ? toBase64Url(toLowS(raw)) : signature;
  } catch {
    return signature;
  }
}

/** Signs bytes; the signature is always in the low-s form. */
export async function sign(privateKey: CryptoKey, bytes: Uint8Array): Promise<string> {
  const raw = new Uint8Array(await crypto.subtle.sign(SIGNING, privateKey, bytes as Uint8Array<ArrayBuffer>));
  return toBase64Url(toLowS(raw));
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

/**
 * Verifies a signature; any malformed input is simply "not valid", never an exception. `strict`
 * also refuses the high-s twin of a valid signature (every signature of format 2); format-1 logs
 * hold sign-off signatures in either form and are verified without it.
 */
export async function verifySignature(publicKey: string, bytes: Uint8Array, signature: string, strict = false): Promise<boolean> {
  try {
    let key = importedKeys.get(publicKey);
    if (!key) {
      key = crypto.subtle.importKey('raw', fromBase64Url(publicKey) as Uint8Array<ArrayBuffer>, ALGORITHM, false, ['verify']);
      importedKeys.set(publicKey, key);
    }
    const sig = fromBase64Url(signature);
    if (sig.length !== 64 || (strict && !isLowS(sig))) return false;
    return await crypto.subtle.verify(SIGNING, await key, sig as Uint8Array<ArrayBuffer>, bytes as Uint8Array<ArrayBuffer>);
  } catch {
    importedKeys.delete(publicKey);
    return false;
  }
}
