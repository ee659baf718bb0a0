/**
 * The current stage: its exit criteria as a checklist (what is met, and by which evidence), the
 * sign-offs of this stage, and the actions possible now, each with the reason when it is not.
 */
import { Fragment, useState } from 'react';
import type { SignOffRequestRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import {
  currentRevision,
  exitCriteriaStatus,
  findEvidence,
  nextStages,
  requestsFor,
  staleCovers,
} from '../../../machines/process/process.queries.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { explainCommand } from '../../domain/process-engine.ts';
import { signOffRequestCommand } from '../../domain/signoff-commands.ts';
import { useCurrentIdentity, useServices } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { timeFor, useActionScope, useAppend, useReadOnly } from '../process-data.tsx';
import { Link } from '../router.tsx';
import { DecisionPanel } from '../signoff/DecisionPanel.tsx';
import { PeopleSection } from '../signoff/PeopleSection.tsx';
import { RequestExchange, ResponseExchange } from '../signoff/SignOffExchange.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { TextField } from '../ui/Field.tsx';
import { ReasonList } from '../ui/Reasons.tsx';
import { processMessages } from './messages.ts';

/** An evidence title that leads straight to that evidence in the evidence tab. */
function EvidenceLink({ processId, evidenceId, title }: { processId: string; evidenceId: string; title: string }) {
  return <Link to={{ screen: 'process', processId, tab: 'evidence', item: evidenceId }}>{title}</Link>;
}

function Checklist({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const ctx = snapshot.context;
  const criteria = exitCriteriaStatus(engine.rulebook, ctx, ctx.stage, timeFor(snapshot, now()));
  return (
    <section aria-labelledby="criteria-title">
      <h2 id="criteria-title">{t.criteria}</h2>
      <ul className="checklist">
        {criteria.map((c) => (
          <li key={c.criterion.id} className={c.met ? 'met' : 'unmet'}>
            <span className="check" aria-hidden="true">
              {c.met ? '✓' : '○'}
            </span>
            <div>
              <span className="visually-hidden">{c.met ? t.met : t.open}: </span>
              <strong>{c.criterion.label[lang]}</strong>
              {c.met && c.evidenceIds.length > 0 ? (
                <p className="met-by">
                  {t.metBy}{' '}
                  {c.evidenceIds
                    .map((id) => ({ id, evidence: findEvidence(ctx, id) }))
                    .flatMap(({ id, evidence }) => (evidence ? [{ id, title: currentRevision(evidence).title }] : []))
                    .map((e, i) => (
                      <Fragment key={e.id}>
                        {i > 0 ? '; ' : null}
                        <EvidenceLink processId={processId} evidenceId={e.id} title={e.title} />
                      </Fragment>
                    ))}
                </p>
              ) : null}
              {!c.met ? <ReasonList reasons={c.reasons} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignOffs({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = snapshot.context;
  const requests = requestsFor(ctx, ctx.stage);
  const identity = useCurrentIdentity();
  const myRoles = identity ? (ctx.people[identity.personId]?.roles ?? []) : [];
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  const role = (id: string) => engine.rulebook.template.roles.find((r) => r.id === id)?.label[lang] ?? id;
  return (
    <section aria-labelledby="signoffs-title">
      <h2 id="signoffs-title">{t.signOffs}</h2>
      {requests.length === 0 ? <p>{t.noRequests}</p> : null}
      <ol className="requests">
        {requests.map((r) => {
          const waiting = r.requiredRoles.filter((x) => !r.decisions.some((d) => d.role === x));
          return (
            <li key={r.requestId}>
              <p>
                <strong>{t.status[r.status]}</strong> · {t.requested(name(r.requestedBy), formatDateTime(r.requestedAt, lang))}
              </p>
              {r.decisions.map((d) => (
                <p key={d.role} className={`decision decision-${d.decision}`}>
                  <span aria-hidden="true">{d.decision === 'granted' ? '✓ ' : '✗ '}</span>
                  {role(d.role)}: {name(d.personId)}, {t.decision[d.decision]} {formatDateTime(d.signedAt, lang)}
                  {d.comment ? <q>{d.comment}</q> : null}
                </p>
              ))}
              <StaleNotice processId={processId} snapshot={snapshot} request={r} />
              {r.status === 'open' && waiting.length > 0 ? (
                <p>
                  {t.waitingFor} {waiting.map(role).join(', ')}
                </p>
              ) : null}
              {r.status === 'open'
                ? waiting
                    .filter((x) => myRoles.includes(x))
                    .map((x) => <DecisionPanel key={x} processId={processId} snapshot={snapshot} request={r} role={x} />)
                : null}
              <RequestExchange processId={processId} snapshot={snapshot} request={r} />
            </li>
          );
        })}
      </ol>
      {requests.length > 0 ? <ResponseExchange processId={processId} snapshot={snapshot} /> : null}
    </section>
  );
}

/** A grant whose covered evidence was revised, expired or is gone no longer counts: say so. */
function StaleNotice({ processId, snapshot, request }: { processId: string; snapshot: ProcessSnapshot; request: SignOffRequestRecord }) {
  const t = useMessages(processMessages);
  const { now } = useServices();
  if (request.status !== 'granted') return null;
  const ctx = snapshot.context;
  const stale = staleCovers(ctx, request, timeFor(snapshot, now()));
  if (stale.length === 0) return null;
  return (
    <p className="badge badge-warning">
      <span aria-hidden="true">⚠ </span>
      {t.stale.before}
      {stale.map((id, i) => {
        const evidence = findEvidence(ctx, id);
        return (
          <Fragment key={id}>
            {i > 0 ? ', ' : null}
            {/* Gone evidence has no place to lead to: its id is all there is to name. */}
            {evidence ? (
              <>
                „<EvidenceLink processId={processId} evidenceId={id} title={currentRevision(evidence).title} />“
              </>
            ) : (
              id
            )}
          </Fragment>
        );
      })}
      {t.stale.after}
    </p>
  );
}

function Actions({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const { build, actorFor, append } = useAppend(processId, snapshot);
  const { may } = useActionScope(snapshot);
  const [note, setNote] = useState('');
  const [pauseReason, setPauseReason] = useState('');
  const ctx = snapshot.context;
  const at = timeFor(snapshot, now());
  const actor = actorFor('SignOffRequested');
  const request =
    actor && ctx.agency
      ? signOffRequestCommand(engine, snapshot, { id: crypto.randomUUID(), at, actor, requestId: `r-${crypto.randomUUID()}`, note })
      : null;
  // The note belongs to a request that can be made now; beside a blocked request it only invites
  // typing that goes nowhere (the reasons under the button say why).
  const canRequest = request !== null && explainCommand(engine, snapshot, request).length === 0;
  const targets = nextStages(engine.rulebook, ctx.stage);
  const paused = ctx.pausedAt !== null;
  const offered = paused ? may('ProcessResumed') : may('SignOffRequested') || may('StageAdvanced') || may('ProcessPaused');
  if (!offered) return null;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t.actions}</h2>
      <p className="purpose">
        <strong>{t.purpose}:</strong> {stageTemplate(engine.rulebook, ctx.stage).purpose[lang]}
      </p>
      {paused ? (
        may('ProcessResumed') && (
          <ActionButton snapshot={snapshot} command={build({ type: 'ProcessResumed', payload: { note: '' } })} append={append} primary>
            {t.resume}
          </ActionButton>
        )
      ) : (
        <>
          {may('SignOffRequested') && (
            <>
              {canRequest && <TextField label={t.requestNote} value={note} onChange={(e) => setNote(e.target.value)} />}
              <ActionButton snapshot={snapshot} command={request} append={append} primary onDone={(o) => o.ok && setNote('')}>
                {t.requestSignOff}
              </ActionButton>
            </>
          )}
          {targets
            .filter(() => may('StageAdvanced'))
            .map((to) => (
              <ActionButton
                key={to}
                snapshot={snapshot}
                command={build({ type: 'StageAdvanced', payload: { from: ctx.stage, to } })}
                append={append}
              >
                {t.advanceTo(stageTemplate(engine.rulebook, to).title[lang])}
              </ActionButton>
            ))}
          {may('ProcessPaused') && (
            <details className="pause">
              <summary>{t.pause}</summary>
              <TextField label={t.pauseReason} value={pauseReason} onChange={(e) => setPauseReason(e.target.value)} required />
              <ActionButton
                snapshot={snapshot}
                command={build({ type: 'ProcessPaused', payload: { reason: pauseReason } })}
                append={append}
                onDone={(o) => o.ok && setPauseReason('')}
              >
                {t.pause}
              </ActionButton>
            </details>
          )}
        </>
      )}
    </section>
  );
}

export function OverviewTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  // A read-only copy can do none of these actions; the notice above the stages says so once,
  // instead of a blocked button with the same reason for each, between the director and the decision.
  const readOnly = useReadOnly() !== null;
  return (
    <div className="overview">
      <Checklist processId={processId} snapshot={snapshot} />
      {readOnly ? null : <Actions processId={processId} snapshot={snapshot} />}
      <SignOffs processId={processId} snapshot={snapshot} />
      <PeopleSection processId={processId} snapshot={snapshot} />
    </div>
  );
}
