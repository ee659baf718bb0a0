/**
 * node:crypto's SHA-256: synchronous and several times faster than WebCrypto for small inputs.
 * The one-shot `hash()` (Node 20.12 and later) skips the Hash object that `createHash` builds for
 * every digest, which is half the cost of hashing one event.
 */
import * as nodeCrypto from 'node:crypto';
import type { Sha256Hex } from './sha256.ts';

const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash;

export const nodeSha256Hex: Sha256Hex = oneShot
  ? (data) => oneShot('sha256', data, 'hex')
  : (data) => nodeCrypto.createHash('sha256').update(data).digest('hex');
