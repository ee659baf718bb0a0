/**
 * The signer's side of a sign-off on this device: what is being approved (stage, exit criteria,
 * the evidence with its digests), a comment, and grant or refuse, each signed with the signer's
 * own key over the sign-off statement. Whether the decision is allowed (four eyes, role, key)
 * is the engine's to say; its reasons appear beside the buttons.
 */
import { useState } from 'react';
import type { SignOffRequestRecord } from '../../../machines/process/process.context.ts';
import type { ProcessCommand } from '../../../machines/process/process.events.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { currentRevision, findEvidence } from '../../../machines/process/process.queries.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import type { RoleId } from '../../../standards/schema.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { signDecision, unsignedDecision } from '../../domain/signoff-commands.ts';
import { useCurrentIdentity, useServices, useSigner } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { timeFor, useAppend, useReadOnly } from '../process-data.tsx';
import { UnlockPrompt } from '../profiles/UnlockPrompt.tsx';
import { Link } from '../router.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import { TextArea } from '../ui/Field.tsx';
import { exchangeMessages } from './exchange-messages.ts';
import { signOffMessages } from './messages.ts';
import { ResponseFileButtons } from './ResponseFileButtons.tsx';

export function DecisionPanel({
  processId,
  snapshot,
  request,
  role,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  request: SignOffRequestRecord;
  role: RoleId;
}) {
  const t = useMessages(signOffMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const identity = useCurrentIdentity();
  const signer = useSigner();
  const { append } = useAppend(processId, snapshot);
  const [comment, setComment] = useState('');
  // A request file from another device: the decision is saved as a response file, not appended.
  const readOnly = useReadOnly();
  const tx = useMessages(exchangeMessages);
  if (!identity) return null;
  const ctx = snapshot.context;
  const stage = stageTemplate(engine.rulebook, request.stage);
  const roleLabel = engine.rulebook.template.roles.find((r) => r.id === role)?.label[lang] ?? role;
  const at = timeFor(snapshot, now());
  const decision = (kind: 'granted' | 'refused') =>
    unsignedDecision(snapshot, {
      id: crypto.randomUUID(),
      at,
      signedAt: at,
      actor: { personId: identity.personId, role },
      keyId: identity.publicKey.keyId,
      requestId: request.requestId,
      decision: kind,
      comment: comment.trim(),
    });
  // Only decisions reach this button, so the command is one. Without an unlocked key the
  // buttons are not shown (UnlockPrompt is), so an unsigned command is never sent.
  const sign = async (command: ProcessCommand) =>
    signer ? signDecision(snapshot, command as Parameters<typeof signDecision>[1], signer.privateKey) : command;
  return (
    <section className="card decision" aria-labelledby={`decide-${request.requestId}`}>
      <h3 id={`decide-${request.requestId}`}>{t.decideTitle(roleLabel)}</h3>
      <p>
        <strong>{t.approving}:</strong> {stage.milestone.title[lang]} · {t.stage(stage.title[lang], request.cycle)}
      </p>
      <h4>{t.criteria}</h4>
      <ul>
        {stage.exitCriteria.map((c) => (
          <li key={c.id}>{c.label[lang]}</li>
        ))}
      </ul>
      <h4>{t.evidence}</h4>
      {request.covers.length === 0 ? <p>{t.noEvidence}</p> : null}
      <ul className="covers">
        {request.covers.map((cover) => {
          const evidence = findEvidence(ctx, cover.evidenceId);
          return (
            <li key={cover.evidenceId}>
              {evidence ? (
                <Link to={{ screen: 'process', processId, tab: 'evidence', item: cover.evidenceId }}>
                  {currentRevision(evidence).title}
                </Link>
              ) : (
                cover.evidenceId
              )}{' '}
              ({t.revision(cover.revision)}) · <code title={cover.sha256}>SHA-256 {cover.sha256.slice(0, 16)}…</code>
            </li>
          );
        })}
      </ul>
      <p>
        <Link to={{ screen: 'process', processId, tab: 'evidence' }}>{tx.reviewEvidence}</Link>
      </p>
      <TextArea label={t.comment} hint={t.commentHint} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      <p className="hint">{t.signedAs(identity.name, fingerprint(identity.publicKey.keyId))}</p>
      <UnlockPrompt />
      {signer && readOnly ? (
        <ResponseFileButtons processId={processId} snapshot={snapshot} signer={signer} decision={decision} onSaved={() => setComment('')} />
      ) : null}
      {signer && !readOnly ? (
        <>
          <ActionButton
            snapshot={snapshot}
            command={decision('granted')}
            append={append}
            sign={sign}
            primary
            onDone={(o) => o.ok && setComment('')}
          >
            {t.grant}
          </ActionButton>
          <ActionButton
            snapshot={snapshot}
            command={decision('refused')}
            append={append}
            sign={sign}
            onDone={(o) => o.ok && setComment('')}
          >
            {t.refuse}
          </ActionButton>
        </>
      ) : null}
    </section>
  );
}
