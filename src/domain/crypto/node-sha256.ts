/** node:crypto's SHA-256: synchronous and several times faster than WebCrypto for small inputs. */
import { createHash } from 'node:crypto';
import type { Sha256Hex } from './sha256.ts';

export const nodeSha256Hex: Sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
