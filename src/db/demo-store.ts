/**
 * Loads the engine's demo process (a job centre in Baden-Württemberg, three yearly cycles) into
 * this device's database, with its evidence files, and makes its ambassador the person using
 * the device, so a newcomer sees a lived-in process in one click and can work in it.
 */
import type { Sha256Hex } from '../domain/crypto/sha256.ts';
import { DEMO_PROCESS_ID } from '../domain/demo/demo-id.ts';
import type { ScriptPerson } from '../domain/demo/demo-writer.ts';
import { buildJobcenterDemo } from '../domain/demo/jobcenter-demo.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import type { AnkerpunktDb, Identity } from './database.ts';
import { adoptIdentity } from './identities.ts';
import { type ImportOutcome, importLog } from './process-store.ts';

function identityOf(person: ScriptPerson): Identity {
  return {
    personId: person.personId,
    name: person.name,
    organisation: person.organisation,
    privateKey: person.key.privateKey,
    publicKey: person.key.record,
    createdAt: new Date().toISOString(),
  };
}

export async function loadDemo(db: AnkerpunktDb, engine: ProcessEngine, sha256: Sha256Hex): Promise<ImportOutcome> {
  if (await db.heads.get(DEMO_PROCESS_ID)) return { ok: false, kind: 'exists', detail: DEMO_PROCESS_ID };
  const { writer, people } = await buildJobcenterDemo(engine, sha256);
  const files = [...writer.files].map(([digest, file]) => ({
    sha256: digest,
    blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType }),
    size: file.bytes.length,
    mediaType: file.mediaType,
  }));
  const outcome = await importLog(db, engine, sha256, writer.log.events, files);
  if (outcome.ok) {
    await adoptIdentity(db, identityOf(people.ikbo), true);
    await adoptIdentity(db, identityOf(people.gfNew), false);
  }
  return outcome;
}
