/**
 * New heads, to the clients connected to this server: every append NOTIFYs on the database
 * (log-store.ts) and every server LISTENs, so a push to one instance reaches the live streams of
 * all of them at once.
 */
import { HeadNotice } from '../domain/sync/protocol.ts';
import { HEADS_CHANNEL } from './log-store.ts';
import type { SqlDatabase } from './storage/database.ts';

type Listener = (notice: HeadNotice) => void;

export class LiveHeads {
  private readonly listeners = new Map<string, Set<Listener>>();

  static async start(db: SqlDatabase): Promise<{ heads: LiveHeads; stop: () => Promise<void> }> {
    const heads = new LiveHeads();
    const stop = await db.listen(HEADS_CHANNEL, (payload) => heads.publish(payload));
    return { heads, stop };
  }

  private publish(payload: string): void {
    let notice: HeadNotice;
    try {
      notice = HeadNotice.parse(JSON.parse(payload));
    } catch {
      return; // not ours
    }
    for (const listener of this.listeners.get(notice.processId) ?? []) listener(notice);
  }

  subscribe(processId: string, listener: Listener): () => void {
    let set = this.listeners.get(processId);
    if (!set) {
      set = new Set();
      this.listeners.set(processId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(processId);
    };
  }
}
