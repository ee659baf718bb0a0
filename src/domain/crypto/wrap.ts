/**
 * A private key protected by a passphrase, for devices several people share. The key is
 * wrapped (PKCS#8, AES-GCM-256) with a key derived from the passphrase by PBKDF2-SHA-256; only
 * the wrapped bytes, the salt, the IV and the iteration count are stored. Unwrapping gives a
 * non-extractable signing key that exists only in memory. Everything here is WebCrypto, so
 * browsers and Node run the same code and no cryptography is shipped in the bundle.
 */
import { utf8 } from './encoding.ts';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. Stored per key, so it can be raised later. */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const SIGNING_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export interface WrappedPrivateKey {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
  cipher: 'AES-GCM-256';
  iv: Uint8Array;
  /** The PKCS#8 private key, encrypted and authenticated; never the key in the clear. */
  wrapped: Uint8Array;
}

/** The passphrase did not open the key (or the stored bytes were changed): nothing was unlocked. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

/**
 * Passphrases are compared as Unicode NFC, so "ä" typed as one character or as "a" plus a
 * combining mark (some keyboards, some phones) opens the same key.
 */
function passphraseBytes(passphrase: string): Uint8Array<ArrayBuffer> {
  return utf8(passphrase.normalize('NFC')) as Uint8Array<ArrayBuffer>;
}

async function wrappingKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * Wraps an extractable private key. `binding` (the key id) is authenticated with it, so a
 * wrapped key copied onto another profile's record does not open there.
 */
export async function wrapPrivateKey(
  privateKey: CryptoKey,
  passphrase: string,
  binding: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedPrivateKey> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await wrappingKey(passphrase, salt, iterations);
  const wrapped = new Uint8Array(
    await crypto.subtle.wrapKey('pkcs8', privateKey, key, {
      name: 'AES-GCM',
      iv,
      additionalData: utf8(binding) as Uint8Array<ArrayBuffer>,
    }),
  );
  return { kdf: 'PBKDF2-SHA-256', iterations, salt, cipher: 'AES-GCM-256', iv, wrapped };
}

/** Unwraps to a non-extractable key that can only sign; throws WrongPassphraseError otherwise. */
export async function unwrapPrivateKey(record: WrappedPrivateKey, passphrase: string, binding: string): Promise<CryptoKey> {
  const key = await wrappingKey(passphrase, record.salt, record.iterations);
  try {
    return await crypto.subtle.unwrapKey(
      'pkcs8',
      record.wrapped as Uint8Array<ArrayBuffer>,
      key,
      { name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: utf8(binding) as Uint8Array<ArrayBuffer> },
      SIGNING_KEY,
      false,
      ['sign'],
    );
  } catch {
    // AES-GCM's tag check is the only thing that fails here: wrong passphrase or altered bytes.
    throw new WrongPassphraseError();
  }
}

export type PassphraseProblem = 'too-short' | 'mismatch';

/** The rules a new passphrase must meet; null when it does. */
export function passphraseProblem(passphrase: string, confirmation: string): PassphraseProblem | null {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  if (passphrase.normalize('NFC') !== confirmation.normalize('NFC')) return 'mismatch';
  return null;
}
