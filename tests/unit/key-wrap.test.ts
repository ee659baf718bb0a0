import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, sign, verifySignature } from '../../src/domain/crypto/keys.ts';
import {
  MIN_PASSPHRASE_LENGTH,
  PBKDF2_ITERATIONS,
  passphraseProblem,
  unwrapPrivateKey,
  WrongPassphraseError,
  wrapPrivateKey,
} from '../../src/domain/crypto/wrap.ts';

const PASSPHRASE = 'Kaffeetasse am Fenster 17';
// The real iteration count is exercised once; the other cases use fewer to keep the suite fast.
const FAST = 1_000;

async function pkcs8Of(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('a private key wrapped with a passphrase', () => {
  it('unwraps with the right passphrase (600,000 PBKDF2 iterations) to a key whose signatures verify', async () => {
    const key = await generateSigningKey(true);
    const wrapped = await wrapPrivateKey(key.privateKey, PASSPHRASE, key.record.keyId);
    expect(wrapped).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, cipher: 'AES-GCM-256' });
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(wrapped.salt).toHaveLength(16);
    expect(wrapped.iv).toHaveLength(12);

    const unlocked = await unwrapPrivateKey(wrapped, PASSPHRASE, key.record.keyId);
    const message = utf8('Freigabe Kontrakt DIKÖ 2027');
    expect(await verifySignature(key.record.publicKey, message, await sign(unlocked, message))).toBe(true);
  });

  it('gives a non-extractable key that can only sign', async () => {
    const key = await generateSigningKey(true);
    const wrapped = await wrapPrivateKey(key.privateKey, PASSPHRASE, key.record.keyId, FAST);
    const unlocked = await unwrapPrivateKey(wrapped, PASSPHRASE, key.record.keyId);
    expect(unlocked.extractable).toBe(false);
    expect(unlocked.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('pkcs8', unlocked)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', unlocked)).rejects.toThrow();
  });

  it('refuses a wrong passphrase with WrongPassphraseError, and so a wrong or altered record', async () => {
    const key = await generateSigningKey(true);
    const wrapped = await wrapPrivateKey(key.privateKey, PASSPHRASE, key.record.keyId, FAST);
    await expect(unwrapPrivateKey(wrapped, 'Kaffeetasse am Fenster 18', key.record.keyId)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unwrapPrivateKey(wrapped, '', key.record.keyId)).rejects.toBeInstanceOf(WrongPassphraseError);
    // Bound to its key id: the same bytes on another profile's record do not open.
    await expect(unwrapPrivateKey(wrapped, PASSPHRASE, 'f'.repeat(32))).rejects.toBeInstanceOf(WrongPassphraseError);
    const altered = { ...wrapped, wrapped: wrapped.wrapped.map((b, i) => (i === 40 ? b ^ 1 : b)) };
    await expect(unwrapPrivateKey(altered, PASSPHRASE, key.record.keyId)).rejects.toBeInstanceOf(WrongPassphraseError);
    const fewerIterations = { ...wrapped, iterations: FAST - 1 };
    await expect(unwrapPrivateKey(fewerIterations, PASSPHRASE, key.record.keyId)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('opens with the passphrase however its umlauts were typed (Unicode NFC)', async () => {
    const key = await generateSigningKey(true);
    const composed = 'Grüße aus Tübingen';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const wrapped = await wrapPrivateKey(key.privateKey, composed, key.record.keyId, FAST);
    await expect(unwrapPrivateKey(wrapped, decomposed, key.record.keyId)).resolves.toMatchObject({
      type: 'private',
      extractable: false,
      algorithm: { name: 'ECDSA', namedCurve: 'P-256' },
    });
  });

  it('stores no plaintext key: neither the PKCS#8 bytes nor the private scalar appear in the record', async () => {
    const key = await generateSigningKey(true);
    const pkcs8 = await pkcs8Of(key.privateKey);
    const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
    const wrapped = await wrapPrivateKey(key.privateKey, PASSPHRASE, key.record.keyId, FAST);
    const scalar = fromBase64Url(jwk.d ?? '');
    expect(scalar).toHaveLength(32);
    for (const part of [wrapped.wrapped, wrapped.salt, wrapped.iv]) {
      expect(contains(part, pkcs8)).toBe(false);
      expect(contains(part, scalar)).toBe(false);
    }
    const asText = JSON.stringify({ ...wrapped, wrapped: toBase64Url(wrapped.wrapped) });
    expect(asText).not.toContain(jwk.d);
    expect(Object.keys(wrapped).sort()).toEqual(['cipher', 'iterations', 'iv', 'kdf', 'salt', 'wrapped']);
    // Fresh salt and IV every time: the same key and passphrase never give the same bytes.
    const again = await wrapPrivateKey(key.privateKey, PASSPHRASE, key.record.keyId, FAST);
    expect(toBase64Url(again.salt)).not.toBe(toBase64Url(wrapped.salt));
    expect(toBase64Url(again.wrapped)).not.toBe(toBase64Url(wrapped.wrapped));
  });
});

describe('passphrase rules', () => {
  it(`needs at least ${MIN_PASSPHRASE_LENGTH} characters and a matching confirmation`, () => {
    expect(passphraseProblem('kurz', 'kurz')).toBe('too-short');
    expect(passphraseProblem('123456789', '123456789')).toBe('too-short');
    expect(passphraseProblem('1234567890', '1234567891')).toBe('mismatch');
    expect(passphraseProblem('1234567890', '1234567890')).toBeNull();
    // Characters, not UTF-16 units or bytes: ten umlauts are ten characters.
    expect(passphraseProblem('ääääääääää', 'ääääääääää')).toBeNull();
  });
});
