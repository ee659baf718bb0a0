import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../src/app/profiles/QrCode.tsx';
import { fromBase64Url, toBase64Url, utf8 } from '../../src/domain/crypto/encoding.ts';
import { generateSigningKey, type SigningKey } from '../../src/domain/crypto/keys.ts';
import { proveKeyPossession } from '../../src/domain/event-signature.ts';
import {
  type IdentityFile,
  identityFileName,
  identityFileOf,
  MAX_IDENTITY_FILE_BYTES,
  parseIdentityFile,
  serializeIdentityFile,
} from '../../src/domain/identity-file.ts';
import { highSTwin } from '../support/forgery.ts';

const PERSON_ID = 'p-3f1c9a2e-8d4b-4e1a-9c7f-2b6d5e8a1f00';

async function validIdentity(key?: SigningKey): Promise<IdentityFile> {
  key ??= await generateSigningKey(false);
  return identityFileOf({
    personId: PERSON_ID,
    name: 'Dr. Jürgen Müller-Lüdenscheidt',
    organisation: 'Geschäftsführung Jobcenter Reutlingen',
    publicKey: key.record,
    keyProof: await proveKeyPossession(PERSON_ID, key),
    suggestedRoles: ['managingDirector'],
    now: new Date('2027-01-12T09:30:00.000Z'),
  });
}

const text = (value: unknown) => JSON.stringify(value);

describe('reading an identity file', () => {
  it('accepts a valid file as bytes and as pasted text (with blanks and a byte-order mark)', async () => {
    const identity = await validIdentity();
    const json = serializeIdentityFile(identity);
    expect(await parseIdentityFile(utf8(json))).toEqual({ ok: true, identity });
    expect(await parseIdentityFile(`\n  ${json}  \n`)).toEqual({ ok: true, identity });
    expect(await parseIdentityFile(`\uFEFF${json}`)).toEqual({ ok: true, identity });
    // A real one is small: well within a QR code's capacity.
    expect(utf8(json).length).toBeLessThan(600);
  });

  it('says the file is empty, not JSON, or not UTF-8', async () => {
    expect(await parseIdentityFile('   ')).toEqual({ ok: false, problem: { code: 'empty' } });
    expect(await parseIdentityFile('{"format": "ankerpunkt.identity",')).toEqual({ ok: false, problem: { code: 'notJson' } });
    expect(await parseIdentityFile('https://example.org/qr')).toEqual({ ok: false, problem: { code: 'notJson' } });
    expect(await parseIdentityFile(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toEqual({ ok: false, problem: { code: 'notJson' } });
  });

  it('says when it is another kind of file or another format version', async () => {
    const identity = await validIdentity();
    for (const value of [[], 'text', 42, null, { ...identity, format: 'ankerpunkt.sign-off-request' }, { name: 'x' }]) {
      expect(await parseIdentityFile(text(value))).toEqual({ ok: false, problem: { code: 'wrongFormat' } });
    }
    expect(await parseIdentityFile(text({ ...identity, formatVersion: 3 }))).toEqual({ ok: false, problem: { code: 'wrongVersion' } });
    expect(await parseIdentityFile(text({ ...identity, formatVersion: '1' }))).toEqual({ ok: false, problem: { code: 'wrongVersion' } });
  });

  it('names the field that is wrong or missing', async () => {
    const identity = await validIdentity();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...identity, name: '' }, 'name'],
      [{ ...identity, name: '   ' }, 'name'],
      [{ ...identity, name: 'x'.repeat(201) }, 'name'],
      [{ ...identity, personId: 'p 1; DROP' }, 'personId'],
      [{ ...identity, organisation: 7 }, 'organisation'],
      [{ ...identity, suggestedRoles: ['emperor'] }, 'suggestedRoles'],
      [{ ...identity, suggestedRoles: 'managingDirector' }, 'suggestedRoles'],
      [{ ...identity, createdAt: 'gestern' }, 'createdAt'],
      [{ ...identity, key: { ...identity.key, algorithm: 'RSA' } }, 'key'],
      [{ ...identity, key: { ...identity.key, keyId: 'ABC' } }, 'key'],
    ];
    for (const [value, field] of cases) {
      expect(await parseIdentityFile(text(value)), field).toEqual({ ok: false, problem: { code: 'badField', field } });
    }
    const { name: _dropped, ...withoutName } = identity;
    expect(await parseIdentityFile(text(withoutName))).toEqual({ ok: false, problem: { code: 'badField', field: 'name' } });
  });

  it('refuses a key whose id does not match it, or that is not a P-256 point', async () => {
    const identity = await validIdentity();
    const other = await generateSigningKey(false);
    // Someone else's key under this person's key id: the fingerprint read aloud would not be this key's.
    const swapped = { ...identity, key: { ...identity.key, publicKey: other.record.publicKey } };
    expect(await parseIdentityFile(text(swapped))).toEqual({ ok: false, problem: { code: 'badKey' } });
    const notAPoint = { ...identity, key: { ...identity.key, publicKey: `BA${'A'.repeat(85)}` } };
    expect(await parseIdentityFile(text(notAPoint))).toEqual({ ok: false, problem: { code: 'badKey' } });
  });

  it('names a version-1 file (no proof of possession) as outdated, so the person saves theirs again', async () => {
    const { keyProof: _none, ...v1 } = await validIdentity();
    expect(await parseIdentityFile(text({ ...v1, formatVersion: 1 }))).toEqual({ ok: false, problem: { code: 'outdated' } });
  });

  it('refuses a proof of possession that this key did not make for this person', async () => {
    const key = await generateSigningKey(false);
    const identity = await validIdentity(key);
    // Someone's real public key and id, claimed for another person: the proof names the holder's person id.
    expect(await parseIdentityFile(text({ ...identity, personId: 'p-mallory' }))).toEqual({ ok: false, problem: { code: 'badProof' } });
    // Someone else's key with a proof made by the attacker's key.
    const mallory = await generateSigningKey(false);
    const forged = { ...identity, keyProof: await proveKeyPossession(PERSON_ID, mallory) };
    expect(await parseIdentityFile(text(forged))).toEqual({ ok: false, problem: { code: 'badProof' } });
    // The high-s twin of the genuine proof, computable by anyone: one act, one signature.
    const raw = fromBase64Url(identity.keyProof);
    const twin = toBase64Url(highSTwin(raw));
    expect(await parseIdentityFile(text({ ...identity, keyProof: twin }))).toEqual({ ok: false, problem: { code: 'badProof' } });
  });

  it('refuses an oversized file before reading it', async () => {
    const identity = await validIdentity();
    const padded = `${serializeIdentityFile(identity)}${' '.repeat(MAX_IDENTITY_FILE_BYTES)}`;
    expect(await parseIdentityFile(padded)).toEqual({
      ok: false,
      problem: { code: 'tooLarge', bytes: utf8(padded).length, limit: 16 * 1024 },
    });
    const bytes = new Uint8Array(MAX_IDENTITY_FILE_BYTES + 1).fill(0x20);
    expect(await parseIdentityFile(bytes)).toMatchObject({ ok: false, problem: { code: 'tooLarge' } });
  });

  it('refuses unknown fields, including "__proto__" and "constructor", and pollutes nothing', async () => {
    const identity = await validIdentity();
    const json = serializeIdentityFile(identity);
    const withProto = `${json.slice(0, -1)},"__proto__":{"polluted":true,"isAdmin":true}}`;
    expect(await parseIdentityFile(withProto)).toEqual({ ok: false, problem: { code: 'unknownField', fields: ['__proto__'] } });
    const withConstructor = `${json.slice(0, -1)},"constructor":{"prototype":{"polluted":true}}}`;
    expect(await parseIdentityFile(withConstructor)).toEqual({ ok: false, problem: { code: 'unknownField', fields: ['constructor'] } });
    const nested = text({ ...identity, key: JSON.parse(`{${JSON.stringify(identity.key).slice(1, -1)},"__proto__":{"polluted":true}}`) });
    expect(await parseIdentityFile(nested)).toEqual({ ok: false, problem: { code: 'badField', field: 'key' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('never throws, whatever the input', async () => {
    const inputs = [
      '{',
      '[]',
      '"',
      'null',
      '{"format":"ankerpunkt.identity","formatVersion":1,"key":null}',
      '\u0000',
      '{"a":'.repeat(3000),
    ];
    for (const input of inputs) await expect(parseIdentityFile(input)).resolves.toMatchObject({ ok: false });
  });
});

describe('the identity as a QR code', () => {
  it('fits a QR code a phone scans from a screen, and the SVG path covers exactly the dark modules', async () => {
    const json = serializeIdentityFile(await validIdentity());
    const qr = encode(json, { ecc: 'M', border: 4 });
    expect(qr.version).toBeLessThanOrEqual(20);
    const dark = qr.data.flat().filter(Boolean).length;
    const covered = [...qrPath(qr.data).matchAll(/h(\d+)v1/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(covered).toBe(dark);
    // Only path commands and numbers: nothing from the encoded text reaches the markup.
    expect(qrPath(qr.data)).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
  });
});

describe('the identity file name', () => {
  it('is readable and safe on every file system', () => {
    expect(identityFileName('Dr. Jürgen Müller-Lüdenscheidt')).toBe('ankerpunkt-identitaet-dr-juergen-mueller-luedenscheidt.json');
    expect(identityFileName('../../etc/passwd')).toBe('ankerpunkt-identitaet-etc-passwd.json');
    expect(identityFileName('???')).toBe('ankerpunkt-identitaet-person.json');
  });
});
