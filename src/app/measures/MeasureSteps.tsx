/**
 * The next steps of one measure's life cycle: start, complete (with its outcome), re-plan (a new
 * deadline with a reason), cancel (with a reason). Only the steps its status allows are offered
 * (the measure machine says which); whether a step is possible now (stage, evidence, role) is
 * the engine's answer, shown with its reasons by the ActionButton.
 */
import { type ReactNode, useState } from 'react';
import type { MeasureRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { dayOf, type MeasureStep, nextMeasureStatus } from '../../../machines/process/process.queries.ts';
import { explainCommand } from '../../domain/process-engine.ts';
import { useServices } from '../data.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { timeFor, useActionScope, type useAppend } from '../process-data.tsx';
import { Link } from '../router.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { TextArea, TextField } from '../ui/Field.tsx';
import { type Append, appendIfValid, isIsoDay, PENDING_TEXT, useFocusFirstInvalid } from './form-support.ts';
import { measuresMessages } from './messages.ts';

type Build = ReturnType<typeof useAppend>['build'];

export interface StepProps {
  processId: string;
  snapshot: ProcessSnapshot;
  measure: MeasureRecord;
  build: Build;
  append: Append;
  announce: (message: string) => void;
}

/** A step that needs input: a disclosure with its fields, named with the measure for screen readers. */
function StepDetails({ label, title, children }: { label: string; title: string; children: (focus: () => void) => ReactNode }) {
  const { container, focusFirstInvalid } = useFocusFirstInvalid<HTMLDetailsElement>();
  return (
    <details className="measure-step" ref={container}>
      <summary>
        {label}
        <span className="visually-hidden">: {title}</span>
      </summary>
      <div className="measure-step-body">{children(focusFirstInvalid)}</div>
    </details>
  );
}

function CompleteStep({ processId, snapshot, measure, build, append, announce }: StepProps) {
  const t = useMessages(measuresMessages);
  const { engine } = useServices();
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | null>(null);
  const text = outcome.trim();
  const command = build({ type: 'MeasureCompleted', payload: { measureId: measure.measureId, outcome: text || PENDING_TEXT } });
  const needsEvidence = command !== null && explainCommand(engine, snapshot, command).some((r) => r.code === 'measureNeedsEvidence');
  return (
    <StepDetails label={t.complete} title={measure.title}>
      {(focus) => (
        <>
          {needsEvidence ? (
            <p className="notice notice-info">
              {t.needsEvidence} <Link to={{ screen: 'process', processId, tab: 'evidence' }}>{t.toEvidence}</Link>
            </p>
          ) : null}
          <TextArea
            label={t.outcomeLabel}
            hint={t.outcomeHint}
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value);
              setError(null);
            }}
            error={error}
            required
          />
          <ActionButton
            snapshot={snapshot}
            command={command}
            append={appendIfValid(() => {
              setError(text ? null : t.required);
              if (!text) focus();
              return text !== '';
            }, append)}
            onDone={(o) => o.ok && announce(t.completed(measure.title))}
          >
            {t.completeSave}
          </ActionButton>
        </>
      )}
    </StepDetails>
  );
}

function ReplanStep({ snapshot, measure, build, append, announce }: StepProps) {
  const t = useMessages(measuresMessages);
  const { lang } = useLang();
  const { now } = useServices();
  const [due, setDue] = useState('');
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<{ due?: string; why?: string }>({});
  const today = dayOf(timeFor(snapshot, now()));
  const reason = why.trim();
  const command = build({
    type: 'MeasureReplanned',
    payload: { measureId: measure.measureId, due: isIsoDay(due) ? due : today, reason: reason || PENDING_TEXT },
  });
  return (
    <StepDetails label={t.replan} title={measure.title}>
      {(focus) => (
        <>
          <TextField
            label={t.newDue}
            type="date"
            min={today}
            value={due}
            onChange={(e) => {
              setDue(e.target.value);
              setErrors({ ...errors, due: undefined });
            }}
            error={errors.due}
            required
          />
          <TextArea
            label={t.replanReason}
            value={why}
            onChange={(e) => {
              setWhy(e.target.value);
              setErrors({ ...errors, why: undefined });
            }}
            error={errors.why}
            required
          />
          <ActionButton
            snapshot={snapshot}
            command={command}
            append={appendIfValid(() => {
              const found = { due: isIsoDay(due) ? undefined : t.badDate, why: reason ? undefined : t.required };
              setErrors(found);
              const ok = !found.due && !found.why;
              if (!ok) focus();
              return ok;
            }, append)}
            onDone={(o) => {
              if (!o.ok) return;
              announce(t.replanned(measure.title, formatDay(due, lang)));
              setDue('');
              setWhy('');
            }}
          >
            {t.replanSave}
          </ActionButton>
        </>
      )}
    </StepDetails>
  );
}

function CancelStep({ snapshot, measure, build, append, announce }: StepProps) {
  const t = useMessages(measuresMessages);
  const [why, setWhy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reason = why.trim();
  const command = build({ type: 'MeasureCancelled', payload: { measureId: measure.measureId, reason: reason || PENDING_TEXT } });
  return (
    <StepDetails label={t.cancel} title={measure.title}>
      {(focus) => (
        <>
          <TextArea
            label={t.cancelReason}
            value={why}
            onChange={(e) => {
              setWhy(e.target.value);
              setError(null);
            }}
            error={error}
            required
          />
          <ActionButton
            snapshot={snapshot}
            command={command}
            append={appendIfValid(() => {
              setError(reason ? null : t.required);
              if (!reason) focus();
              return reason !== '';
            }, append)}
            onDone={(o) => o.ok && announce(t.cancelled(measure.title))}
          >
            {t.cancelSave}
          </ActionButton>
        </>
      )}
    </StepDetails>
  );
}

export function MeasureSteps(props: StepProps) {
  const t = useMessages(measuresMessages);
  const { snapshot, measure, build, append, announce } = props;
  const { may } = useActionScope(snapshot);
  // Offered: what the measure's status allows next and the person's role may record.
  const allows = (step: MeasureStep['type']) => nextMeasureStatus(measure.status, step) !== null && may(step);
  if (!(['MeasureStarted', 'MeasureCompleted', 'MeasureReplanned', 'MeasureCancelled'] as const).some(allows)) return null;
  return (
    <div className="measure-steps">
      {allows('MeasureStarted') ? (
        <ActionButton
          snapshot={snapshot}
          command={build({ type: 'MeasureStarted', payload: { measureId: measure.measureId } })}
          append={append}
          onDone={(o) => o.ok && announce(t.started(measure.title))}
        >
          {t.start}
          <span className="visually-hidden">: {measure.title}</span>
        </ActionButton>
      ) : null}
      {allows('MeasureCompleted') ? <CompleteStep {...props} /> : null}
      {allows('MeasureReplanned') ? <ReplanStep {...props} /> : null}
      {allows('MeasureCancelled') ? <CancelStep {...props} /> : null}
    </div>
  );
}
