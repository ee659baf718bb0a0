/**
 * The server's logs: one append-only, hash-chained log per process, in PostgreSQL. A push is
 * appended in one transaction that locks the process's head row (SELECT … FOR UPDATE), so pushes
 * to one process are linearised across every server on the database; the primary key
 * (process, seq) would refuse a second event at one place even without the lock. Each new event
 * is admitted by the same engine the app and `ankerpunkt verify` use (admitEvent: chain link,
 * signature and key status, cryptography, the machine), from the snapshot stored with the head,
 * and nothing of a push is written unless all its events are admitted.
 */
import { createHash } from 'node:crypto';
import type { ProcessEvent } from '../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../machines/process/process.explain.ts';
import { admitEvent } from '../domain/append.ts';
import type { ChainHead, LoggedEvent } from '../domain/chain.ts';
import { nodeSha256Hex } from '../domain/crypto/node-sha256.ts';
import type { ProcessEngine } from '../domain/process-engine.ts';
import { type CachedSnapshot, replay, restoreCached, toCache } from '../domain/replay.ts';
import type { Head, RefusalProblem } from '../domain/sync/protocol.ts';
import { type SqlDatabase, type SqlExecutor, sqlStateOf, UNIQUE_VIOLATION } from './storage/database.ts';

/** The channel every server LISTENs on, so that a push to one server reaches another's clients. */
export const HEADS_CHANNEL = 'ankerpunkt_heads';

/** Events that change who holds which key: after them the key table is written again. */
const KEY_EVENTS = new Set(['ProcessOpened', 'PersonRegistered', 'KeyRegistered', 'KeyRevoked']);

const INSERT_EVENTS = `INSERT INTO events (process_id, seq, event_id, hash, body)
  SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[])`;

/** The parameters $1 to $5 of INSERT_EVENTS. */
function eventColumns(processId: string, events: readonly LoggedEvent[]): unknown[] {
  return [processId, events.map((e) => e.seq), events.map((e) => e.id), events.map((e) => e.hash), events.map((e) => JSON.stringify(e))];
}

export interface PushInput {
  processId: string;
  base: Head | null;
  /** The events as sent (raw JSON values), each already parsed by LoggedEvent. */
  events: LoggedEvent[];
  invitation?: string | undefined;
}

export type PushOutcome =
  | { ok: true; head: Head; appended: number; duplicates: number }
  /** The base is not the server's head: pull from `head`, rebase, push again. */
  | { ok: false; code: 'headMoved'; head: Head | null }
  | { ok: false; code: 'processNotFound' }
  | { ok: false; code: 'invitationInvalid' }
  | { ok: false; code: 'keyRevoked' }
  | { ok: false; code: 'refused'; index: number; eventId: string; seq: number; problem: RefusalProblem };

interface HeadRow {
  head_seq: number;
  head_hash: string;
}

export function invitationHash(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

export class LogStore {
  /** The state at the head of recently used logs, so that a push need not parse the stored snapshot. */
  private readonly states = new Map<string, { head: Head; snapshot: ProcessSnapshot }>();

  constructor(
    readonly db: SqlDatabase,
    readonly engine: ProcessEngine,
    /** Logs whose state is kept; a long log's state is some MB. */
    private readonly cacheSize = 200,
  ) {}

  async head(processId: string): Promise<Head | null> {
    const { rows } = await this.db.query<HeadRow>('SELECT head_seq, head_hash FROM processes WHERE process_id = $1', [processId]);
    const row = rows[0];
    return row ? { seq: row.head_seq, hash: row.head_hash } : null;
  }

  /**
   * Appends a push. `requestKeyId` is the key that signed the request: for a new process it must
   * be one the pushed log registers and leaves unrevoked. `newProcessOnly`: the key is known only
   * from the pushed events, so the push may create a process but must learn nothing of one there.
   */
  async push(input: PushInput, requestKeyId: string, newProcessOnly = false): Promise<PushOutcome> {
    try {
      const outcome = await this.db.transaction((tx) => this.pushIn(tx, input, requestKeyId, newProcessOnly));
      if (outcome.ok && 'snapshot' in outcome) {
        this.remember(input.processId, outcome.head, outcome.snapshot as ProcessSnapshot);
        const { snapshot: _s, ...answer } = outcome;
        return answer;
      }
      return outcome;
    } catch (error) {
      // Two servers creating the same process at once: the second finds the first one's row.
      if (sqlStateOf(error) === UNIQUE_VIOLATION) return { ok: false, code: 'headMoved', head: await this.head(input.processId) };
      throw error;
    }
  }

  private async pushIn(
    tx: SqlExecutor,
    input: PushInput,
    requestKeyId: string,
    newProcessOnly: boolean,
  ): Promise<PushOutcome | (PushOutcome & { ok: true; snapshot: ProcessSnapshot })> {
    const { processId, base, events } = input;
    const locked = await tx.query<HeadRow>('SELECT head_seq, head_hash FROM processes WHERE process_id = $1 FOR UPDATE', [processId]);
    const row = locked.rows[0];
    const serverHead: Head | null = row ? { seq: row.head_seq, hash: row.head_hash } : null;
    if (!serverHead && (base !== null || input.invitation === undefined)) return { ok: false, code: 'processNotFound' };
    // Created meanwhile, or there all along: this key is not registered in it.
    if (serverHead && newProcessOnly) return { ok: false, code: 'processNotFound' };

    const baseSeq = base?.seq ?? 0;
    const headSeq = serverHead?.seq ?? 0;
    if (baseSeq > headSeq || (base && !(await this.holds(tx, processId, base, serverHead)))) {
      return { ok: false, code: 'headMoved', head: serverHead };
    }
    // Events the server already holds must be the very same (a retry); anything else there is a fork.
    const known = events.filter((e) => e.seq <= headSeq);
    if (known.length > 0) {
      const stored = await tx.query<{ seq: number; event_id: string; hash: string }>(
        'SELECT seq, event_id, hash FROM events WHERE process_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
        [processId, baseSeq + 1, headSeq],
      );
      const bySeq = new Map(stored.rows.map((r) => [r.seq, r]));
      for (const event of known) {
        const there = bySeq.get(event.seq);
        if (!there || there.event_id !== event.id || there.hash !== event.hash) return { ok: false, code: 'headMoved', head: serverHead };
      }
    }
    const fresh = events.slice(known.length);
    if (fresh.length === 0) return { ok: true, head: serverHead as Head, appended: 0, duplicates: known.length };

    let snapshot = serverHead ? await this.stateAt(tx, processId, serverHead) : this.engine.initial;
    let head: ChainHead | null = serverHead;
    const takenIds = await this.storedIds(
      tx,
      processId,
      fresh.map((e) => e.id),
    );
    for (const [i, event] of fresh.entries()) {
      const admitted = await admitEvent(this.engine, snapshot, head, event, nodeSha256Hex, (id) => takenIds.has(id));
      if (!admitted.accepted) {
        const problem: RefusalProblem = 'chain' in admitted ? admitted.chain : { code: 'refused', reasons: admitted.reasons };
        return { ok: false, code: 'refused', index: known.length + i, eventId: event.id, seq: event.seq, problem };
      }
      takenIds.add(event.id);
      snapshot = admitted.snapshot;
      head = { seq: event.seq, hash: event.hash };
    }
    const newHead = head as Head;

    if (!serverHead) {
      const requestKey = snapshot.context.keys[requestKeyId];
      if (!requestKey) return { ok: false, code: 'processNotFound' };
      if (requestKey.revokedAt !== null) return { ok: false, code: 'keyRevoked' };
      const used = await tx.query(
        'UPDATE invitations SET used_at = now(), used_for = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()',
        [invitationHash(input.invitation as string), processId],
      );
      if (used.affected !== 1) return { ok: false, code: 'invitationInvalid' };
      await tx.query('INSERT INTO processes (process_id, head_seq, head_hash, snapshot) VALUES ($1, $2, $3, $4)', [
        processId,
        newHead.seq,
        newHead.hash,
        JSON.stringify(toCache(snapshot)),
      ]);
      await tx.query(INSERT_EVENTS, eventColumns(processId, fresh));
      if (fresh.some((e) => KEY_EVENTS.has(e.type))) await this.writeKeys(tx, processId, snapshot);
      await tx.query('SELECT pg_notify($1, $2)', [HEADS_CHANNEL, JSON.stringify({ processId, head: newHead })]);
    } else {
      // The common case in one round trip: head, events and notice in one statement.
      await tx.query(
        `WITH moved AS (UPDATE processes SET head_seq = $6, head_hash = $7, snapshot = $8, updated_at = now() WHERE process_id = $1),
              added AS (${INSERT_EVENTS})
         SELECT pg_notify($9, $10)`,
        [
          ...eventColumns(processId, fresh),
          newHead.seq,
          newHead.hash,
          JSON.stringify(toCache(snapshot)),
          HEADS_CHANNEL,
          JSON.stringify({ processId, head: newHead }),
        ],
      );
      if (fresh.some((e) => KEY_EVENTS.has(e.type))) await this.writeKeys(tx, processId, snapshot);
    }
    return { ok: true, head: newHead, appended: fresh.length, duplicates: known.length, snapshot };
  }

  /** Whether the log holds `base` as the event at its seq. */
  private async holds(tx: SqlExecutor, processId: string, base: Head, serverHead: Head | null): Promise<boolean> {
    if (serverHead && base.seq === serverHead.seq) return base.hash === serverHead.hash;
    const { rows } = await tx.query<{ hash: string }>('SELECT hash FROM events WHERE process_id = $1 AND seq = $2', [processId, base.seq]);
    return rows[0]?.hash === base.hash;
  }

  private async storedIds(tx: SqlExecutor, processId: string, ids: string[]): Promise<Set<string>> {
    const { rows } = await tx.query<{ event_id: string }>(
      'SELECT event_id FROM events WHERE process_id = $1 AND event_id = ANY($2::text[])',
      [processId, ids],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * The state after `head`: from this server's memory when it is at that head, else from the
   * snapshot stored with it, else (a cache written by another machine version) by replaying the
   * stored log, whose events were all admitted when they were appended.
   */
  private async stateAt(tx: SqlExecutor, processId: string, head: Head): Promise<ProcessSnapshot> {
    const known = this.states.get(processId);
    if (known && known.head.seq === head.seq && known.head.hash === head.hash) return known.snapshot;
    const { rows } = await tx.query<{ snapshot: string }>('SELECT snapshot FROM processes WHERE process_id = $1', [processId]);
    const cached = restoreCached(this.engine, JSON.parse((rows[0] as { snapshot: string }).snapshot) as CachedSnapshot);
    if (cached) return cached;
    const log = await tx.query<{ body: string }>('SELECT body FROM events WHERE process_id = $1 ORDER BY seq', [processId]);
    return replay(
      this.engine,
      log.rows.map((r) => JSON.parse(r.body) as ProcessEvent),
    );
  }

  private remember(processId: string, head: Head, snapshot: ProcessSnapshot): void {
    this.states.delete(processId);
    this.states.set(processId, { head, snapshot });
    if (this.states.size > this.cacheSize) this.states.delete(this.states.keys().next().value as string);
  }

  private async writeKeys(tx: SqlExecutor, processId: string, snapshot: ProcessSnapshot): Promise<void> {
    const keys = Object.values(snapshot.context.keys);
    await tx.query(
      `INSERT INTO process_keys (process_id, key_id, person_id, public_key, revoked_at)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (process_id, key_id) DO UPDATE SET revoked_at = EXCLUDED.revoked_at`,
      [processId, keys.map((k) => k.keyId), keys.map((k) => k.personId), keys.map((k) => k.publicKey), keys.map((k) => k.revokedAt)],
    );
  }

  /**
   * The events after `after`, at most `limit`, as the JSON text the answer is made of: each
   * event's stored text as it was pushed, so a pulled event has the bytes its hash was made of.
   */
  async pullJson(processId: string, after: number, limit: number): Promise<string | null> {
    const head = await this.head(processId);
    if (!head) return null;
    const { rows } = await this.db.query<{ body: string }>(
      // Up to the head read above: an append committed meanwhile is for the next pull.
      'SELECT body FROM events WHERE process_id = $1 AND seq > $2 AND seq <= $4 ORDER BY seq LIMIT $3',
      [processId, after, limit + 1, head.seq],
    );
    const more = rows.length > limit;
    const bodies = (more ? rows.slice(0, limit) : rows).map((r) => r.body);
    return `{"processId":${JSON.stringify(processId)},"head":${JSON.stringify(head)},"events":[${bodies.join(',')}],"more":${more}}`;
  }
}
