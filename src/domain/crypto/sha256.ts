/**
 * SHA-256 as lower-case hex. The domain code takes the hash function as a parameter because the
 * fastest one differs by runtime: WebCrypto in the browser, node:crypto in the CLI (see
 * node-sha256.ts). Both give the same digest; only the speed differs. A string is hashed as its
 * UTF-8 bytes; passing text rather than bytes lets node:crypto encode it natively, which is
 * what keeps verifying a long chain close to the cost of hashing alone.
 */
import { toHex, utf8 } from './encoding.ts';

export type Sha256Hex = (data: Uint8Array | string) => Promise<string> | string;

export const webSha256Hex: Sha256Hex = async (data) => {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
};
