/**
 * Erasing an evidence file's content (personal data uploaded by mistake): the EvidenceErased
 * event and the deletion of the stored bytes happen in one transaction, so a closed tab or a
 * full disk leaves either both or neither. The bytes are shared by digest between processes
 * that attached the same file; they are deleted only when no process on this device still
 * needs them, and the caller is told which processes kept them.
 */
import type { EventOf } from '../../machines/process/process.events.ts';
import { needsContent } from '../../machines/process/process.queries.ts';
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import type { EventSigner } from '../domain/event-signature.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb } from './database.ts';
import { type AppendOutcome, appendCommand, loadProcess } from './process-store.ts';

/** A process on this device that still needs the erased bytes, by id and the name people know. */
export interface KeptFor {
  processId: string;
  agencyName: string;
}

export type EraseOutcome =
  | (Extract<AppendOutcome, { ok: true }> & {
      /** deleted: the bytes are gone; kept: another revision still needs them; absent: they were not on this device. */
      file: 'deleted' | 'kept' | 'absent';
      keptFor: KeptFor[];
    })
  | Extract<AppendOutcome, { ok: false }>;

/** The digest an erasure command names, if it is one; anything else goes to the domain to refuse. */
function digestOf(command: unknown): string | null {
  const c = command as Partial<EventOf<'EvidenceErased'>> | null;
  return c?.type === 'EvidenceErased' && typeof c.payload?.sha256 === 'string' ? c.payload.sha256 : null;
}

/**
 * Which processes still need `digest` once this process's erasure is recorded. Runs inside the
 * append's transaction, so an attach of the same bytes in another tab cannot slip in between the
 * check and the deletion. A process that cannot be read is assumed to need the bytes.
 */
async function stillNeededBy(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  processId: string,
  ownContextNeeds: boolean,
  digest: string,
): Promise<KeptFor[]> {
  const kept: KeptFor[] = [];
  const nameOf = async (id: string) => (await db.processes.get(id))?.agencyName ?? id;
  if (ownContextNeeds) kept.push({ processId, agencyName: await nameOf(processId) });
  const others = (await db.heads.toCollection().primaryKeys()).filter((id) => id !== processId);
  for (const other of others) {
    const loaded = await loadProcess(db, eng, other);
    if (!loaded.ok || needsContent(loaded.state.snapshot.context, digest)) kept.push({ processId: other, agencyName: await nameOf(other) });
  }
  return kept;
}

/**
 * Appends an EvidenceErased command and, in the same transaction, deletes the file's bytes unless
 * another revision on this device still needs them. A refusal or a storage problem changes
 * nothing: neither the log nor the stored file.
 */
export async function eraseEvidenceContent(
  db: AnkerpunktDb,
  eng: ProcessEngine,
  sha256: Sha256Hex,
  processId: string,
  command: unknown,
  signer: EventSigner | null,
): Promise<EraseOutcome> {
  const digest = digestOf(command);
  let file: 'deleted' | 'kept' | 'absent' = 'absent';
  let keptFor: KeptFor[] = [];
  const outcome = await appendCommand(db, eng, sha256, processId, command, signer, [], {
    filesToDelete: async (snapshot) => {
      if (digest === null) return [];
      // Set afresh on every attempt: a retried transaction must not report the previous one's findings.
      keptFor = await stillNeededBy(db, eng, processId, needsContent(snapshot.context, digest), digest);
      const present = (await db.files.where('sha256').equals(digest).count()) > 0;
      file = !present ? 'absent' : keptFor.length > 0 ? 'kept' : 'deleted';
      return file === 'deleted' ? [digest] : [];
    },
  });
  if (!outcome.ok) return outcome;
  return { ...outcome, file, keptFor };
}
