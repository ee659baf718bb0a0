/**
 * A command that fails its schema becomes `invalidCommand` reasons, one per problem, with its
 * path and what kind of problem it is, so the message can say "please fill in" for an empty
 * field and "too long" for one over its limit, rather than a library's English. Commands are
 * parsed with `reportInput: true` (COMMAND_PARSE) so an absent field can be told from a wrong one.
 */
import { type Reason, reason } from '../../machines/process/reasons.ts';

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
}

/**
 * Texts are trimmed before their length is checked, so "at least 1 character" failing means the
 * field was left empty. A wrong type reported without its input (parsed with `reportInput`) means
 * the field was absent.
 */
function problemOf(issue: Issue): { problem: 'missing' | 'tooLong' | 'invalid'; limit?: number } {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return { problem: 'missing' };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { problem: 'missing' };
  if (issue.code === 'too_big' && issue.origin === 'string' && typeof issue.maximum === 'number')
    return { problem: 'tooLong', limit: issue.maximum };
  return { problem: 'invalid' };
}

/** A schema problem in a file someone handed over: where, and what kind, for the verdict line. */
export interface SchemaIssue {
  /** e.g. "events[12].payload.comment" */
  path: string;
  message: string;
  problem: 'missing' | 'tooLong' | 'invalid';
  limit?: number;
}

/** `events[12].payload.comment`: array positions in brackets, as a reader of the JSON sees them. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** The first five problems of a file that fails its schema (parsed with COMMAND_PARSE). */
export function schemaIssues(error: { issues: readonly Issue[] }): SchemaIssue[] {
  return error.issues.slice(0, 5).map((issue) => ({ path: formatPath(issue.path), message: issue.message, ...problemOf(issue) }));
}

export function schemaReasons(error: { issues: readonly Issue[] }): Reason[] {
  return error.issues.map((issue) => {
    const { problem, limit } = problemOf(issue);
    return reason('invalidCommand', {
      path: issue.path.map(String).join('.'),
      message: issue.message,
      problem,
      ...(limit === undefined ? {} : { limit }),
    });
  });
}

/** How commands and files are parsed, so that an absent field can be told from a wrong one. */
export const COMMAND_PARSE = { reportInput: true } as const;
