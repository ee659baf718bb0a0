/**
 * The stored log of one process for the timeline: its events, read once per new head, and the
 * verdict on its chain. Checking the chain walks every event (hash, signatures, the process
 * rules), which takes seconds for a long log, so it runs after the list is painted and pauses
 * for the browser as it goes.
 */
import { useEffect, useState } from 'react';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import { keepStoredLog, storedLog } from '../../db/process-reads.ts';
import type { LoggedEvent } from '../../domain/chain.ts';
import type { Sha256Hex } from '../../domain/crypto/sha256.ts';
import type { ProcessEngine } from '../../domain/process-engine.ts';
import { type BrokenProblem, verifyEvents } from '../../domain/verify.ts';
import { useServices } from '../data.tsx';
import { buildEntriesWhenIdle } from './entries.ts';

export type StoredLog =
  | { status: 'loading' }
  | { status: 'ready'; events: LoggedEvent[]; head: { seq: number; hash: string } | null }
  | { status: 'failed'; detail: string };

/**
 * While the process screen is idle, reads the process's log ahead into memory (src/db/log-cache.ts)
 * and builds its timeline entries, so that the timeline shows at once when it is opened
 * (decision 63). Again after every new event, which then reads just that event.
 */
export function useTimelineReadAhead(processId: string, ctx: ProcessContext): void {
  const { db, engine } = useServices();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new event (eventCount) must read ahead again
  useEffect(() => {
    let cancelled = false;
    const isCancelled = () => cancelled;
    whenIdle()
      .then(() => (cancelled ? null : keepStoredLog(db, processId)))
      .then((log) => (log ? buildEntriesWhenIdle(engine.rulebook, log.events, ctx, whenIdle, isCancelled) : null));
    return () => {
      cancelled = true;
    };
  }, [db, engine, processId, ctx.eventCount]);
}

/** Resolves when the browser is idle, or after two seconds at the latest. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (window.requestIdleCallback) window.requestIdleCallback(() => resolve(), { timeout: 2000 });
    else window.setTimeout(resolve, 50);
  });
}

/** Reads the stored events again whenever the process gets a new event (`headSeq`). */
export function useStoredLog(processId: string, headSeq: number): StoredLog {
  const { db } = useServices();
  const [log, setLog] = useState<StoredLog>({ status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new event (headSeq) must re-read the log
  useEffect(() => {
    let current = true;
    storedLog(db, processId)
      .then(({ events, head }) => {
        if (current) setLog({ status: 'ready', events, head });
      })
      .catch((error: unknown) => {
        if (current) setLog({ status: 'failed', detail: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [db, processId, headSeq]);
  return log;
}

export type ChainVerdict =
  | { status: 'checking' }
  | { status: 'empty' }
  /** `signedFrom`: the first signed event's seq, null if none is (a log recorded before format 2). */
  | { status: 'intact'; count: number; headHash: string; signedFrom: number | null }
  | { status: 'broken'; seq: number; problem: BrokenProblem | { code: 'headMismatch'; expected: number; got: number } }
  | { status: 'failed' };

/**
 * Walks the stored log the way an auditor's `ankerpunkt verify` does: each event in the chain,
 * its signatures, the process rules. Then the stored head must be the last event, or events
 * were cut off the end.
 */
export async function checkStoredChain(
  eng: ProcessEngine,
  sha256: Sha256Hex,
  events: readonly LoggedEvent[],
  head: { seq: number; hash: string } | null,
  pause?: () => Promise<void>,
): Promise<ChainVerdict> {
  const last = events[events.length - 1];
  if (!last) return { status: 'empty' };
  let signedFrom: number | null;
  try {
    const walked = await verifyEvents(eng, events, sha256, pause);
    if (!walked.ok) return { status: 'broken', seq: walked.event.seq, problem: walked.problem };
    signedFrom = walked.snapshot.context.signedFrom;
  } catch {
    // A stored row that is not an event at all: the walk cannot even read it.
    return { status: 'failed' };
  }
  if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
    return { status: 'broken', seq: last.seq + 1, problem: { code: 'headMismatch', expected: head.seq, got: last.seq } };
  }
  return { status: 'intact', count: events.length, headHash: last.hash, signedFrom };
}

/** Resolves once the browser has painted the next frame and run the tasks waiting behind it. */
const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Lets the browser paint and answer input between two stretches of the walk. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The verdict on the stored chain, checked once the list is painted and in stretches with
 * pauses between them: the walk of 10,000 events takes seconds, and run in one piece it kept
 * the list it follows from appearing (decision 57).
 */
export function useChainVerdict(log: StoredLog): ChainVerdict {
  const { engine, sha256 } = useServices();
  const [verdict, setVerdict] = useState<ChainVerdict>({ status: 'checking' });
  useEffect(() => {
    if (log.status === 'failed') {
      setVerdict({ status: 'failed' });
      return;
    }
    if (log.status !== 'ready') return;
    let current = true;
    setVerdict({ status: 'checking' });
    afterNextPaint()
      .then(() => (current ? checkStoredChain(engine, sha256, log.events, log.head, yieldToBrowser) : null))
      .then((result) => {
        if (current && result) setVerdict(result);
      });
    return () => {
      current = false;
    };
  }, [log, engine, sha256]);
  return verdict;
}
