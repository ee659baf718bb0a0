/**
 * Attaching a new piece of evidence: what it is (kind, title, the document's own date, an
 * optional review date), what it proves (stage, measure, standards) and its content. The form
 * only gathers input; whether the evidence may be attached is asked of the domain on saving.
 */
import { useRef, useState } from 'react';
import type { MeasureRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { allEvidence, currentRevision, findMeasure, isOpenMeasure } from '../../../machines/process/process.queries.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { STAGE_ORDER, type StageId } from '../../../standards/schema.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { useAppend } from '../process-data.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { ContentInput } from './ContentInput.tsx';
import { DatesFields, localDay, missingWords } from './form-parts.tsx';
import { evidenceMessages } from './messages.ts';
import { SaveButton } from './SaveButton.tsx';
import { useEvidenceContent } from './use-evidence-content.ts';

interface Draft {
  evidenceId: string;
  kind: string;
  title: string;
  documentDate: string;
  reviewBy: string;
  stage: StageId | '';
  measureId: string;
  standardIds: string[];
}

const newEvidenceId = () => `n-${crypto.randomUUID()}`;

function emptyDraft(stage: StageId, today: string): Draft {
  return { evidenceId: newEvidenceId(), kind: '', title: '', documentDate: today, reviewBy: '', stage, measureId: '', standardIds: [] };
}

/** Titles of evidence whose current version is this very file. */
function sameFileTitles(snapshot: ProcessSnapshot, sha256: string | null): string[] {
  if (!sha256) return [];
  return allEvidence(snapshot.context)
    .map(currentRevision)
    .filter((r) => r.content.sha256 === sha256)
    .map((r) => `„${r.title}“`);
}

export function AttachForm({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const { build, append } = useAppend(processId, snapshot);
  const ctx = snapshot.context;
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(ctx.stage, localDay(now())));
  const [showErrors, setShowErrors] = useState(false);
  const content = useEvidenceContent('file');
  const formRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const missing = missingWords(t, {
    kind: !draft.kind,
    title: !draft.title.trim(),
    date: !draft.documentDate,
    content: content.result.ok ? null : content.result.missing,
  });
  const command = content.result.ok
    ? build({
        type: 'EvidenceAttached',
        payload: {
          evidenceId: draft.evidenceId,
          kind: draft.kind,
          title: draft.title.trim(),
          documentDate: draft.documentDate,
          reviewBy: draft.reviewBy || null,
          proves: { stage: draft.stage || null, measureId: draft.measureId || null, standardIds: draft.standardIds },
          content: content.result.content,
        },
      })
    : null;

  const openMeasures = ctx.openMeasureIds
    .map((id) => findMeasure(ctx, id))
    .filter((m): m is MeasureRecord => m !== undefined && isOpenMeasure(m));
  const kind = engine.rulebook.evidenceKinds.kinds.find((k) => k.id === draft.kind);
  const duplicates = sameFileTitles(
    snapshot,
    content.result.ok && content.result.content.type === 'file' ? content.result.content.sha256 : null,
  );

  const toggleStandard = (id: string, on: boolean) =>
    set('standardIds', on ? [...draft.standardIds, id] : draft.standardIds.filter((s) => s !== id));

  return (
    <section aria-labelledby="attach-title" className="card attach-form" ref={formRef}>
      <h2 id="attach-title">{t.attachTitle}</h2>
      <SelectField
        label={t.kind}
        value={draft.kind}
        onChange={(e) => set('kind', e.target.value)}
        hint={kind?.description[lang]}
        error={showErrors && !draft.kind ? t.required : null}
        required
      >
        <option value="">{t.chooseKind}</option>
        {engine.rulebook.evidenceKinds.kinds.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label[lang]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t.itemTitle}
        value={draft.title}
        maxLength={300}
        onChange={(e) => set('title', e.target.value)}
        error={showErrors && !draft.title.trim() ? t.required : null}
        required
      />
      <DatesFields
        documentDate={draft.documentDate}
        reviewBy={draft.reviewBy}
        onChange={(key, value) => set(key, value)}
        showErrors={showErrors}
      />
      <fieldset className="proves">
        <legend>{t.proves}</legend>
        <SelectField label={t.stage} value={draft.stage} onChange={(e) => set('stage', e.target.value as StageId | '')}>
          {STAGE_ORDER.map((s) => (
            <option key={s} value={s}>
              {stageTemplate(engine.rulebook, s).number}. {stageTemplate(engine.rulebook, s).title[lang]}
            </option>
          ))}
          <option value="">{t.noStage}</option>
        </SelectField>
        <SelectField label={t.measure} value={draft.measureId} onChange={(e) => set('measureId', e.target.value)}>
          <option value="">{t.noMeasure}</option>
          {openMeasures.map((m) => (
            <option key={m.measureId} value={m.measureId}>
              {m.title}
            </option>
          ))}
        </SelectField>
        <fieldset className="standards-choice">
          <legend>{t.standards}</legend>
          {engine.rulebook.catalog.standards.map((s) => (
            <label key={s.id} className="choice">
              <input type="checkbox" checked={draft.standardIds.includes(s.id)} onChange={(e) => toggleStandard(s.id, e.target.checked)} />
              {s.number}. {s.title[lang]}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <ContentInput state={content} showErrors={showErrors} />
      {duplicates.length > 0 ? (
        <p className="notice notice-info">
          <span aria-hidden="true">ℹ </span>
          {t.alreadyEvidence(duplicates.join(', '))}
        </p>
      ) : null}
      <SaveButton
        snapshot={snapshot}
        command={command}
        files={content.result.ok ? content.result.files : []}
        append={append}
        missing={missing}
        savedText={t.saved(draft.title.trim())}
        onAttempt={() => {
          setShowErrors(true);
          requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        }}
        onSaved={() => {
          setDraft(emptyDraft(ctx.stage, localDay(now())));
          content.reset();
          setShowErrors(false);
        }}
      >
        {t.attach}
      </SaveButton>
    </section>
  );
}
