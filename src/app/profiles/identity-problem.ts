/** An identity file's problem in the user's words: what is wrong, and that nothing was changed. */
import type { IdentityFileProblem } from '../../domain/identity-file.ts';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes } from '../i18n.tsx';
import type { profileMessages } from './messages.ts';

type Messages = (typeof profileMessages)['de'];

export function describeIdentityProblem(problem: IdentityFileProblem, t: Messages, lang: Lang): string {
  const p = t.fileProblems;
  switch (problem.code) {
    case 'tooLarge':
      return p.tooLarge(formatBytes(problem.bytes, lang), formatBytes(problem.limit, lang));
    case 'empty':
      return p.empty;
    case 'notJson':
      return p.notJson;
    case 'wrongFormat':
      return p.wrongFormat;
    case 'wrongVersion':
      return p.wrongVersion;
    case 'unknownField':
      return p.unknownField(problem.fields.map((f) => `„${f}“`).join(', '));
    case 'badField':
      return p.badField(t.fields[problem.field]);
    case 'badKey':
      return p.badKey;
    case 'outdated':
      return p.outdated;
    case 'badProof':
      return p.badProof;
  }
}
