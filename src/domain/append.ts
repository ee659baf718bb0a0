/**
 * Preparing an append: parse the proposed fact, give it its place in the chain, and let the
 * engine decide. Storage (memory here, IndexedDB in the app) only writes what this accepted.
 */
import { ProcessCommand } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import type { Reason } from '../../machines/process/reasons.ts';
import { type ChainHead, type LoggedEvent, seal } from './chain.ts';
import type { Sha256Hex } from './crypto/sha256.ts';
import { decide, type ProcessEngine } from './process-engine.ts';
import { COMMAND_PARSE, schemaReasons } from './schema-reasons.ts';

export type PreparedAppend = { accepted: true; event: LoggedEvent; snapshot: ProcessSnapshot } | { accepted: false; reasons: Reason[] };

export async function prepareAppend(
  eng: ProcessEngine,
  snapshot: ProcessSnapshot,
  head: ChainHead | null,
  command: unknown,
  sha256: Sha256Hex,
): Promise<PreparedAppend> {
  const parsed = ProcessCommand.safeParse(command, COMMAND_PARSE);
  if (!parsed.success) return { accepted: false, reasons: schemaReasons(parsed.error) };
  const event = await seal(parsed.data, head, sha256);
  const decision = await decide(eng, snapshot, event, sha256);
  return decision.accepted ? { accepted: true, event, snapshot: decision.snapshot } : decision;
}
