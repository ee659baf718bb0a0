/**
 * Every reason the domain can give for a refusal, each produced by the smallest process that
 * provokes it and sent through the real log append. A refused command leaves the log and the
 * state untouched and explains itself in German and English. The last test holds the table to
 * REASON_CODES, so a new reason without a case here fails.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import { REASON_CODES, type ReasonCode } from '../../machines/process/reasons.ts';
import { catalogStandardIds } from './refusals.fixtures.ts';
