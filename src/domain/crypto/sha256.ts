/**
 * SHA-256 as lower-case hex. The domain code takes the hash function as a parameter because the
 * fastest one differs by runtime: WebCrypto in the browser, node:crypto in the CLI (see
 * node-sha256.ts). Both give the same digest; only the speed differs.
 */
import { toHex } from './encoding.ts';

export type Sha256Hex = (bytes: Uint8Array) => Promise<string> | string;

export const webSha256Hex: Sha256Hex = async (bytes) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
