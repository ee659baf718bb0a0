/**
 * Rating one standard: a level from 0 to 5 (each with what it means for this standard), the
 * evidence to cite, a note. Whether the rating may be saved is the engine's answer, shown by
 * the ActionButton with its reasons (wrong stage, missing evidence from level 2 on).
 */
import { useId, useState } from 'react';
import type { AssessmentRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { currentRevision } from '../../../machines/process/process.queries.ts';
import type { MaturityLevel, Standard } from '../../../standards/schema.ts';
import { useServices } from '../data.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { timeFor, useAppend } from '../process-data.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { TextArea } from '../ui/Field.tsx';
import { standardsMessages } from './messages.ts';
import { citableEvidence, scaleName } from './standard-view.ts';

const LEVELS: readonly MaturityLevel[] = [0, 1, 2, 3, 4, 5];

export function RatingForm({
  processId,
  snapshot,
  standard,
  current,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  standard: Standard;
  current: AssessmentRecord | undefined;
}) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const { build, append } = useAppend(processId, snapshot);
  const id = useId();
  const ctx = snapshot.context;
  const catalog = engine.rulebook.catalog;
  const offered = citableEvidence(ctx, standard, timeFor(snapshot, now()));
  const offeredIds = new Set(offered.map((e) => e.evidenceId));
  const [level, setLevel] = useState<MaturityLevel | null>(current?.level ?? null);
  const [cited, setCited] = useState<string[]>(() => (current?.evidenceIds ?? []).filter((e) => offeredIds.has(e)));
  const [note, setNote] = useState('');
  const kindLabel = (kind: string) => engine.rulebook.evidenceKinds.kinds.find((k) => k.id === kind)?.label[lang] ?? kind;
  const toggle = (evidenceId: string, on: boolean) =>
    setCited((was) => (on ? [...was.filter((x) => x !== evidenceId), evidenceId] : was.filter((x) => x !== evidenceId)));
  const command =
    level === null
      ? null
      : build({
          type: 'AssessmentRecorded',
          payload: { standardId: standard.id, level, evidenceIds: cited.filter((e) => offeredIds.has(e)), note: note.trim() },
        });
  return (
    <div className="rating-form">
      <fieldset className="maturity-choice">
        <legend>{t.levelLegend(standard.title[lang])}</legend>
        {LEVELS.map((n) => (
          <div className="maturity-option" key={n}>
            <input
              type="radio"
              id={`${id}-level-${n}`}
              name={`${id}-level`}
              value={n}
              checked={level === n}
              onChange={() => setLevel(n)}
              aria-describedby={`${id}-level-${n}-text`}
            />
            <label htmlFor={`${id}-level-${n}`}>
              <strong>
                {t.level(n)}: {scaleName(catalog.maturityScale[n]?.[lang] ?? '')}
              </strong>
              <span className="maturity-text" id={`${id}-level-${n}-text`}>
                {standard.maturity[n]?.[lang]}
              </span>
            </label>
          </div>
        ))}
        <p className="field-hint">{t.evidenceFrom(catalog.evidenceRequiredFromLevel)}</p>
      </fieldset>
      <fieldset className="evidence-choice">
        <legend>{t.evidenceLegend}</legend>
        <p className="field-hint">{t.evidenceHint(standard.evidenceKinds.map(kindLabel).join(', '))}</p>
        {offered.length === 0 ? <p>{t.noEvidenceAvailable}</p> : null}
        {offered.map((evidence) => {
          const rev = currentRevision(evidence);
          const inputId = `${id}-ev-${evidence.evidenceId}`;
          return (
            <div className="evidence-option" key={evidence.evidenceId}>
              <input
                type="checkbox"
                id={inputId}
                checked={cited.includes(evidence.evidenceId)}
                onChange={(e) => toggle(evidence.evidenceId, e.target.checked)}
              />
              <label htmlFor={inputId}>
                <strong>{rev.title}</strong>
                <span className="evidence-option-meta">
                  <span className="badge badge-kind">{kindLabel(evidence.kind)}</span> {t.documentDate(formatDay(rev.documentDate, lang))}
                  {evidence.proves.standardIds.includes(standard.id) ? ` · ${t.provesThis}` : ''}
                </span>
              </label>
            </div>
          );
        })}
      </fieldset>
      <TextArea label={t.noteLabel} value={note} maxLength={2000} rows={3} onChange={(e) => setNote(e.target.value)} />
      {level !== null ? (
        <ActionButton snapshot={snapshot} command={command} append={append} primary onDone={(o) => o.ok && setNote('')}>
          {t.save}
        </ActionButton>
      ) : (
        <p className="field-hint choose-level">{t.chooseLevel}</p>
      )}
    </div>
  );
}
