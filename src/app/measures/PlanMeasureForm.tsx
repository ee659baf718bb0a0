/**
 * Planning a measure: a template pre-fills title, indicator and IQ level (or none is used),
 * then owner, deadline and an optional budget. Empty or malformed fields are reported next to
 * the field; whether a measure may be planned now (stage, pause, deadline in the past) is the
 * engine's answer, shown with its reasons beside the button.
 */
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { dayOf } from '../../../machines/process/process.queries.ts';
import type { IqLevel } from '../../../standards/schema.ts';
import { useServices } from '../data.tsx';
import { locale, useLang, useMessages } from '../i18n.tsx';
import { timeFor, type useAppend } from '../process-data.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { SelectField, TextArea, TextField } from '../ui/Field.tsx';
import { euroCents } from './budget.ts';
import { type Append, appendIfValid, isIsoDay, PENDING_TEXT, useFocusFirstInvalid } from './form-support.ts';
import { IQ_LEVELS, iqLevelLabels, measuresMessages } from './messages.ts';

interface Draft {
  templateId: string;
  title: string;
  owner: string;
  due: string;
  indicator: string;
  iqLevel: IqLevel | '';
  budget: string;
}

const EMPTY: Draft = { templateId: '', title: '', owner: '', due: '', indicator: '', iqLevel: '', budget: '' };
type Errors = Partial<Record<keyof Draft, string>>;
const newMeasureId = () => `m-${crypto.randomUUID()}`;

export function PlanMeasureForm({
  snapshot,
  build,
  append,
  announce,
}: {
  snapshot: ProcessSnapshot;
  build: ReturnType<typeof useAppend>['build'];
  append: Append;
  announce: (message: string) => void;
}) {
  const t = useMessages(measuresMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const { container, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [measureId, setMeasureId] = useState(newMeasureId);
  const templates = engine.rulebook.measureTemplates.templates;
  const template = templates.find((x) => x.id === draft.templateId);
  const today = dayOf(timeFor(snapshot, now()));
  const budget = euroCents(draft.budget);

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [key]: e.target.value });
    setErrors({ ...errors, [key]: undefined });
  };
  const chooseTemplate = (e: { target: { value: string } }) => {
    const chosen = templates.find((x) => x.id === e.target.value);
    setDraft(
      chosen
        ? {
            ...draft,
            templateId: chosen.id,
            title: chosen.title[lang],
            indicator: chosen.suggestedIndicator[lang],
            iqLevel: chosen.iqLevel,
          }
        : { ...draft, templateId: '' },
    );
    if (chosen) setErrors({ ...errors, title: undefined, indicator: undefined, iqLevel: undefined });
  };

  const validate = (): boolean => {
    const found: Errors = {};
    if (!draft.title.trim()) found.title = t.required;
    if (!draft.owner.trim()) found.owner = t.required;
    if (!isIsoDay(draft.due)) found.due = draft.due ? t.badDate : t.required;
    if (!draft.indicator.trim()) found.indicator = t.required;
    if (!draft.iqLevel) found.iqLevel = t.chooseLevel;
    if (!budget.ok) found.budget = t.badBudget;
    setErrors(found);
    const ok = Object.keys(found).length === 0;
    if (!ok) focusFirstInvalid();
    return ok;
  };

  const command = build({
    type: 'MeasurePlanned',
    payload: {
      measureId,
      templateId: draft.templateId || null,
      title: draft.title.trim() || PENDING_TEXT,
      owner: draft.owner.trim() || PENDING_TEXT,
      due: isIsoDay(draft.due) ? draft.due : today,
      indicator: draft.indicator.trim() || PENDING_TEXT,
      iqLevel: draft.iqLevel || 'structure',
      budgetCents: budget.ok ? budget.cents : null,
    },
  });
  const kindLabel = (kind: string) => engine.rulebook.evidenceKinds.kinds.find((k) => k.id === kind)?.label[lang] ?? kind;
  const either = new Intl.ListFormat(locale(lang), { type: 'disjunction' });
  const templateHint = template
    ? [
        template.description[lang],
        template.evidenceRequiredToComplete ? t.templateEvidence(either.format(template.evidenceKinds.map(kindLabel))) : '',
      ]
        .filter(Boolean)
        .join(' ')
    : t.planIntro;

  return (
    <section className="card plan-measure" aria-labelledby="plan-measure-title">
      <h2 id="plan-measure-title">{t.planTitle}</h2>
      <form ref={container} noValidate onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t.chooseTemplate} hint={templateHint} value={draft.templateId} onChange={chooseTemplate}>
          <option value="">{t.withoutTemplate}</option>
          {IQ_LEVELS.map((level) => {
            const ofLevel = templates.filter((x) => x.iqLevel === level);
            return ofLevel.length === 0 ? null : (
              <optgroup key={level} label={iqLevelLabels[lang][level]}>
                {ofLevel.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title[lang]}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </SelectField>
        <TextField label={t.measureTitle} value={draft.title} onChange={set('title')} error={errors.title} required />
        <TextField label={t.owner} hint={t.ownerHint} value={draft.owner} onChange={set('owner')} error={errors.owner} required />
        <TextField
          label={t.due}
          hint={t.dueHint}
          type="date"
          min={today}
          value={draft.due}
          onChange={set('due')}
          error={errors.due}
          required
        />
        <TextArea
          label={t.indicator}
          hint={t.indicatorHint}
          value={draft.indicator}
          onChange={set('indicator')}
          error={errors.indicator}
          required
        />
        <SelectField label={t.iqLevel} value={draft.iqLevel} onChange={set('iqLevel')} error={errors.iqLevel} required>
          <option value="">{t.pleaseChoose}</option>
          {IQ_LEVELS.map((level) => (
            <option key={level} value={level}>
              {iqLevelLabels[lang][level]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.budgetLabel}
          hint={t.budgetHint}
          inputMode="decimal"
          value={draft.budget}
          onChange={set('budget')}
          error={errors.budget}
        />
        <ActionButton
          snapshot={snapshot}
          command={command}
          append={appendIfValid(validate, append)}
          primary
          onDone={(o) => {
            if (!o.ok) return;
            announce(t.planned(draft.title.trim()));
            setDraft(EMPTY);
            setMeasureId(newMeasureId());
          }}
        >
          {t.planSave}
        </ActionButton>
      </form>
    </section>
  );
}
