/** Pieces both evidence forms share: the two dates, and what is still missing in words. */
import { useMessages } from '../i18n.tsx';
import { TextField } from '../ui/Field.tsx';
import { type EvidenceMessages, evidenceMessages } from './messages.ts';
import type { Missing } from './use-evidence-content.ts';

/** Today on this device's calendar, as YYYY-MM-DD (the format of <input type="date">). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function DatesFields({
  documentDate,
  reviewBy,
  onChange,
  showErrors,
}: {
  documentDate: string;
  reviewBy: string;
  onChange: (key: 'documentDate' | 'reviewBy', value: string) => void;
  showErrors: boolean;
}) {
  const t = useMessages(evidenceMessages);
  return (
    <div className="two-columns">
      <TextField
        label={t.documentDate}
        hint={t.documentDateHint}
        type="date"
        value={documentDate}
        onChange={(e) => onChange('documentDate', e.target.value)}
        error={showErrors && !documentDate ? t.required : null}
        required
      />
      <TextField
        label={t.reviewBy}
        hint={t.reviewByHint}
        type="date"
        value={reviewBy}
        min={documentDate || undefined}
        onChange={(e) => onChange('reviewBy', e.target.value)}
      />
    </div>
  );
}

const CONTENT_WORDS: Record<Missing, (t: EvidenceMessages) => string> = {
  file: (t) => t.missingFile,
  url: (t) => t.missingUrl,
  note: (t) => t.missingNote,
  digest: (t) => t.digestPending,
};

/** What a form still lacks, in the order the fields appear. */
export function missingWords(
  t: EvidenceMessages,
  lacks: { kind?: boolean; title: boolean; date: boolean; reason?: boolean; content: Missing | null },
): string[] {
  const words: string[] = [];
  if (lacks.kind) words.push(t.missingKind);
  if (lacks.title) words.push(t.missingTitle);
  if (lacks.date) words.push(t.missingDate);
  if (lacks.content) words.push(CONTENT_WORDS[lacks.content](t));
  if (lacks.reason) words.push(t.missingReason);
  return words;
}
