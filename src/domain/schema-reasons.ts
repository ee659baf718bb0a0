/** A command that fails its schema becomes `invalidCommand` reasons, one per problem, with its path. */
import { type Reason, reason } from '../../machines/process/reasons.ts';

export function schemaReasons(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Reason[] {
  return error.issues.map((issue) => reason('invalidCommand', { path: issue.path.map(String).join('.'), message: issue.message }));
}
