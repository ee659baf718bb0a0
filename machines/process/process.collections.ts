/**
 * Finding records in a process's context. Records live in the cycle they were created in
 * (see CycleRecord); an id index says which cycle that is. The index is a small hash trie of
 * plain objects: adding an id copies one of its buckets, not the whole index, so a log of
 * 100,000 events replays in linear time and the context stays plain JSON.
 */
import type {
  AssessmentRecord,
  CycleRecord,
  EvidenceRecord,
  MeasureRecord,
  ProcessContext,
  SignOffRequestRecord,
  StageVisit,
} from './process.context.ts';

const NO_CYCLE: CycleRecord = { cycle: 0, stages: [], evidence: {}, measures: {}, completedMeasureIds: [], assessments: {}, signOffs: {} };

export function cycleRecord(ctx: ProcessContext, cycle = ctx.cycle): CycleRecord {
  return ctx.cycles[cycle - 1] ?? NO_CYCLE;
}

export type RecordKind = 'evidence' | 'measure' | 'request';
const PREFIX: Record<RecordKind, string> = { evidence: 'e:', measure: 'm:', request: 'r:' };
/** Branches per level: 64 × 64 leaves, so a new id copies two arrays of 64 and one small leaf. */
const FAN = 64;

/**
 * A leaf of the id index: prefixed ids and their cycles, side by side (`[id, cycle, id, cycle, …]`).
 * A flat array rather than a record: a new id copies it as one block (a record had to be rebuilt
 * member by member), and a leaf holds about 13 ids at 100,000 events, few enough to scan.
 */
export type IdLeaf = (string | number)[];

/** The id index: FAN branches of FAN leaves, each listing prefixed ids with the cycle that holds the record. */
export type IdIndex = IdLeaf[][];
export const EMPTY_ID_INDEX: IdIndex = Array.from({ length: FAN }, () => Array.from({ length: FAN }, () => []));

/** Whether `ids` is an id index of this layout (a cache may hold one written before it). */
export function isIdIndexBranch(branch: unknown): boolean {
  return Array.isArray(branch) && branch.length === FAN && branch.every(Array.isArray);
}

/** Where a prefixed id lives in the index: its branch and the leaf within that branch. */
function slotOf(key: string): { branch: number; leaf: number } {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  const slot = (hash >>> 0) % (FAN * FAN);
  return { branch: Math.floor(slot / FAN), leaf: slot % FAN };
}

export function cycleOf(ctx: ProcessContext, kind: RecordKind, id: string): number | undefined {
  const key = PREFIX[kind] + id;
  const { branch, leaf } = slotOf(key);
  const entries = ctx.ids[branch]?.[leaf];
  if (!entries) return undefined;
  for (let i = 0; i < entries.length; i += 2) if (entries[i] === key) return entries[i + 1] as number;
  return undefined;
}

/** A copy of the id index that also knows where `id` lives (not there yet); it shares all but one branch and leaf. */
export function withIndexed(ctx: ProcessContext, kind: RecordKind, id: string, cycle: number): { ids: IdIndex } {
  const key = PREFIX[kind] + id;
  const { branch, leaf } = slotOf(key);
  const ids = ctx.ids.slice();
  const leaves = (ctx.ids[branch] as IdLeaf[]).slice();
  const entries = (leaves[leaf] as IdLeaf).slice();
  entries.push(key, cycle);
  leaves[leaf] = entries;
  ids[branch] = leaves;
  return { ids };
}

/**
 * A copy of `entries`, a record keyed by id (evidence, measures and requests of a cycle), with
 * `key` set to `value`. The copy is made without a prototype, which V8 keeps
 * as a hash table. Spread into a literal, such a record got a hidden class of its own for every id
 * ever added; those shapes stayed alive with the records, and with tens of thousands of them each
 * step of a long replay was slower than the one before (docs/decisions.md, "Speed: ..."). The
 * record means the same: same members in the same order, the same JSON.
 */
export function withEntry<T>(entries: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const copy = Object.assign(Object.create(null), entries) as Record<string, T>;
  copy[key] = value;
  return copy;
}

function find<T>(ctx: ProcessContext, kind: RecordKind, pick: (c: CycleRecord) => Record<string, T>, id: string): T | undefined {
  const cycle = cycleOf(ctx, kind, id);
  return cycle === undefined ? undefined : pick(cycleRecord(ctx, cycle))[id];
}

export const findEvidence = (ctx: ProcessContext, id: string): EvidenceRecord | undefined => find(ctx, 'evidence', (c) => c.evidence, id);
export const findMeasure = (ctx: ProcessContext, id: string): MeasureRecord | undefined => find(ctx, 'measure', (c) => c.measures, id);
export const findRequest = (ctx: ProcessContext, id: string): SignOffRequestRecord | undefined =>
  find(ctx, 'request', (c) => c.signOffs, id);

export const allEvidence = (ctx: ProcessContext): EvidenceRecord[] => ctx.cycles.flatMap((c) => Object.values(c.evidence));
export const allMeasures = (ctx: ProcessContext): MeasureRecord[] => ctx.cycles.flatMap((c) => Object.values(c.measures));
export const allRequests = (ctx: ProcessContext): SignOffRequestRecord[] => ctx.cycles.flatMap((c) => Object.values(c.signOffs));
export const stageHistory = (ctx: ProcessContext): StageVisit[] => ctx.cycles.flatMap((c) => c.stages);

/** The stage visit the process is in now. */
export function currentVisit(ctx: ProcessContext): StageVisit {
  const stages = cycleRecord(ctx).stages;
  return stages[stages.length - 1] ?? { stage: ctx.stage, cycle: ctx.cycle, enteredAt: '', enteredPosition: 0, leftAt: null };
}

export function assessmentsOf(ctx: ProcessContext, cycle = ctx.cycle): Record<string, AssessmentRecord> {
  return cycleRecord(ctx, cycle).assessments;
}

/**
 * The cycles array copied while one fact is being applied (`applyingOneFact`). Copying the array
 * is the one cost of a step that grows with the process's history (a slot per yearly cycle); a
 * fact that changes several records (evidence that proves a measure, a stage advanced, a measure
 * completed) would copy it once per record. Later changes of the same fact edit that copy in
 * place instead: it was made during this fact and nothing outside has seen it yet, so the
 * machine stays pure.
 */
let copiedDuringFact: CycleRecord[] | null = null;
let applyingFact = false;

/** Runs `apply` as the application of one fact: within it, the cycles array is copied at most once. */
export function applyingOneFact<T>(apply: () => T): T {
  applyingFact = true;
  copiedDuringFact = null;
  try {
    return apply();
  } finally {
    applyingFact = false;
    copiedDuringFact = null;
  }
}

/** A copy of the context's cycles with cycle `cycle` replaced by `change(it)`. */
export function withCycle(ctx: ProcessContext, cycle: number, change: (c: CycleRecord) => CycleRecord): { cycles: CycleRecord[] } {
  const record = cycleRecord(ctx, cycle);
  const cycles = applyingFact && ctx.cycles === copiedDuringFact ? copiedDuringFact : ctx.cycles.slice();
  if (applyingFact) copiedDuringFact = cycles;
  cycles[cycle - 1] = change(record);
  return { cycles };
}
