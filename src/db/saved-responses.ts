import type { AnkerpunktDb } from './database.ts';

/**
 * On the director's device nothing is appended to the read-only copy, so the device notes which
 * requests it has answered with a file: the inbox and the review say so instead of offering the
 * request as undecided. A note only; the decision counts once the ambassador has read it in.
 */
export interface SavedResponse {
  processId: string;
  requestId: string;
  decision: 'granted' | 'refused';
  savedAt: string;
  fileName: string;
}

const RESPONSE_PREFIX = 'signOffResponse:';

export async function recordSavedResponse(db: AnkerpunktDb, saved: SavedResponse): Promise<void> {
  await db.settings.put({ key: `${RESPONSE_PREFIX}${saved.processId}:${saved.requestId}`, value: saved });
}

export async function savedResponses(db: AnkerpunktDb): Promise<SavedResponse[]> {
  const rows = await db.settings.where('key').startsWith(RESPONSE_PREFIX).toArray();
  return rows.map((row) => row.value as SavedResponse);
}
