/**
 * A schema check whose cost on a bad file is bounded by where the first problem stands.
 *
 * zod collects every issue of a value: an `events` array of a million `{}` gives some ten
 * million issues, each an object with its path, which is far more memory than the file. Files
 * someone hands over are checked here first: arrays and records one element at a time, stopping
 * at the first element with a problem, so a bad file costs what was read up to its first problem.
 * Parts of a schema that cannot hold an array or a record are checked by zod itself in one call,
 * since their issues are bounded by the schema's size, not by the file's.
 *
 * Only a value that passed is then parsed by zod as a whole (`parseBounded`), so both give the
 * same answer: the walk decides when to stop, zod decides what is valid.
 */
import type * as z from 'zod/mini';

export interface BoundedIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
}

type Schema = z.ZodMiniType;
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  checks?: unknown[];
  options?: Schema[];
  discriminator?: string;
  innerType?: Schema;
  getter?: () => Schema;
  keyType?: Schema;
  valueType?: Schema;
}
type ParseParams = Parameters<Schema['safeParse']>[1];

const defOf = (schema: Schema) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const holdsMany = new WeakMap<Schema, boolean>();

/** Whether a value of this schema can contain an array or a record (and so many issues). */
function canHoldMany(schema: Schema): boolean {
  const known = holdsMany.get(schema);
  if (known !== undefined) return known;
  // Recursive schemas (z.lazy) meet themselves again: assume they can, which only costs speed.
  holdsMany.set(schema, true);
  const def = defOf(schema);
  let result: boolean;
  switch (def.type) {
    case 'array':
    case 'record':
    case 'lazy':
    case 'tuple':
      result = true;
      break;
    case 'object':
      result = Object.values(def.shape ?? {}).some(canHoldMany) || (def.catchall !== undefined && defOf(def.catchall).type !== 'never');
      break;
    case 'union':
      result = (def.options ?? []).some(canHoldMany);
      break;
    case 'optional':
    case 'nullable':
      result = canHoldMany(def.innerType as Schema);
      break;
    default:
      result = false;
  }
  holdsMany.set(schema, result);
  return result;
}

/** The issues of zod's own check, moved to `path`; bounded by the caller's choice of value. */
function zodIssues(schema: Schema, value: unknown, path: PropertyKey[], params: ParseParams): BoundedIssue[] | null {
  const result = schema.safeParse(value, params);
  if (result.success) return null;
  return (result.error.issues as BoundedIssue[]).slice(0, 5).map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
}

const shallowArrays = new WeakMap<Schema, Schema>();

/** The array schema with its own checks (such as a minimum length) but elements of any kind. */
function shallowArray(schema: Schema, unknownSchema: Schema): Schema {
  let shallow = shallowArrays.get(schema);
  if (!shallow) {
    shallow = (schema as unknown as { clone(def: Def): Schema }).clone({ ...defOf(schema), element: unknownSchema });
    shallowArrays.set(schema, shallow);
  }
  return shallow;
}

const flatParts = new WeakMap<Schema, { flat: Schema | null; containers: string[] }>();

/**
 * An object schema split in two: its members that cannot hold an array, checked by zod in one
 * call (unknown members allowed there: the walk checks those itself), and the names of those that
 * can, which the walk opens. One call instead of one per member is what keeps a valid bundle quick.
 */
function splitShape(schema: Schema, unknownSchema: Schema): { flat: Schema | null; containers: string[] } {
  let parts = flatParts.get(schema);
  if (!parts) {
    const def = defOf(schema);
    const shape = def.shape ?? {};
    const containers = Object.keys(shape).filter((key) => canHoldMany(shape[key] as Schema));
    const flatShape = Object.fromEntries(Object.entries(shape).filter(([key]) => !containers.includes(key)));
    const flat =
      Object.keys(flatShape).length === 0
        ? null
        : (schema as unknown as { clone(def: Def): Schema }).clone({ ...def, shape: flatShape, catchall: unknownSchema });
    parts = { flat, containers };
    flatParts.set(schema, parts);
  }
  return parts;
}

const SHORT_ARRAY = 256;

const unionOptions = new WeakMap<Schema, Map<unknown, Schema>>();

/** A discriminated union's options by the value of their discriminator. */
function optionsOf(schema: Schema, def: Def, disc: string): Map<unknown, Schema> {
  let byValue = unionOptions.get(schema);
  if (!byValue) {
    byValue = new Map();
    for (const option of def.options ?? []) {
      const values = (option as unknown as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues?.[disc] ?? [];
      for (const v of values) byValue.set(v, option);
    }
    unionOptions.set(schema, byValue);
  }
  return byValue;
}

class Walk {
  constructor(
    private readonly params: ParseParams,
    private readonly unknownSchema: Schema,
  ) {}

  first(schema: Schema, value: unknown, path: PropertyKey[]): BoundedIssue[] | null {
    if (!canHoldMany(schema)) return zodIssues(schema, value, path, this.params);
    const def = defOf(schema);
    switch (def.type) {
      case 'array': {
        if (!Array.isArray(value)) break;
        // Short arrays of plain values (roles, standard ids) in one call: their issues are few.
        if (value.length <= SHORT_ARRAY && !canHoldMany(def.element as Schema)) return zodIssues(schema, value, path, this.params);
        for (let i = 0; i < value.length; i++) {
          const issues = this.first(def.element as Schema, value[i], [...path, i]);
          if (issues) return issues;
        }
        return def.checks?.length ? zodIssues(shallowArray(schema, this.unknownSchema), value, path, this.params) : null;
      }
      case 'object': {
        if (!isRecord(value) || def.checks?.length) break;
        const shape = def.shape ?? {};
        const { flat, containers } = splitShape(schema, this.unknownSchema);
        const flatIssues = flat ? zodIssues(flat, value, path, this.params) : null;
        if (flatIssues) return flatIssues;
        for (const key of containers) {
          const issues = this.first(shape[key] as Schema, value[key], [...path, key]);
          if (issues) return issues;
        }
        const strict = def.catchall !== undefined && defOf(def.catchall).type === 'never';
        const unknown = strict ? Object.keys(value).filter((key) => !Object.hasOwn(shape, key)) : [];
        if (unknown.length > 0)
          return [{ path, code: 'unrecognized_keys', message: `Unrecognized keys: ${unknown.slice(0, 5).join(', ')}` }];
        if (!strict && def.catchall) return this.members(def.catchall, value, shape, path);
        return null;
      }
      case 'record': {
        if (!isRecord(value)) break;
        for (const [key, member] of Object.entries(value)) {
          const issues =
            zodIssues(def.keyType as Schema, key, [...path, key], this.params) ??
            this.first(def.valueType as Schema, member, [...path, key]);
          if (issues) return issues;
        }
        return null;
      }
      case 'union': {
        const disc = def.discriminator;
        if (!disc || !isRecord(value)) break;
        const option = optionsOf(schema, def, disc).get(value[disc]);
        if (!option) break;
        return this.first(option, value, path);
      }
      case 'optional':
        return value === undefined ? null : this.first(def.innerType as Schema, value, path);
      case 'nullable':
        return value === null ? null : this.first(def.innerType as Schema, value, path);
      case 'lazy':
        return this.first((def.getter as () => Schema)(), value, path);
    }
    // A value of the wrong kind for its container (an object where an array belongs), or a kind
    // of schema the walk does not open: zod's issues about it stop at its own level.
    return zodIssues(schema, value, path, this.params);
  }

  private members(
    catchall: Schema,
    value: Record<string, unknown>,
    shape: Record<string, Schema>,
    path: PropertyKey[],
  ): BoundedIssue[] | null {
    for (const [key, member] of Object.entries(value)) {
      if (Object.hasOwn(shape, key)) continue;
      const issues = this.first(catchall, member, [...path, key]);
      if (issues) return issues;
    }
    return null;
  }
}

/**
 * Parses `value` with `schema`, giving at most five issues, all at the first place that fails,
 * in time and memory bounded by the value read up to there. `unknownSchema` is `z.unknown()`
 * (passed in so this module does not pick a zod flavour).
 */
export function parseBounded<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  unknownSchema: Schema,
  params?: ParseParams,
): { success: true; data: T } | { success: false; issues: BoundedIssue[] } {
  const issues = new Walk(params, unknownSchema).first(schema, value, []);
  if (issues) return { success: false, issues };
  const result = schema.safeParse(value, params);
  if (result.success) return { success: true, data: result.data };
  // The walk passed what zod refuses: a rule the walk does not see (a check across members).
  return { success: false, issues: (result.error.issues as BoundedIssue[]).slice(0, 5) };
}
