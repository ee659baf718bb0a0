/**
 * One piece of evidence in the list: its current version (kind, dates, what it proves, content,
 * digest), whether it has expired or its content was erased, the history of its versions and the
 * ways to add a new one or to erase a file's content.
 */
import { useId, useRef, useState } from 'react';
import type { ErasureRecord, EvidenceRecord, ProcessContext } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { currentRevision, isExpired } from '../../../machines/process/process.queries.ts';
import type { EraseOutcome } from '../../db/erase.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { useActionScope } from '../process-data.tsx';
import { Status } from '../ui/Announcer.tsx';
import { EraseContent } from './EraseContent.tsx';
import { ContentSummary, Digest, PreviewToggle, ProvesSummary } from './EvidenceParts.tsx';
import { evidenceMessages } from './messages.ts';
import { ReviseForm } from './ReviseForm.tsx';

/** In place of preview and download once a revision's content is erased: when, by whom, why. */
function ErasedNotice({ ctx, erasure }: { ctx: ProcessContext; erasure: ErasureRecord }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const who = ctx.people[erasure.erasedBy]?.name ?? erasure.erasedBy;
  return (
    <div className="notice notice-info erased-notice">
      <p>
        <strong>{t.erasedNotice(formatDateTime(erasure.erasedAt, lang), who, erasure.reason)}</strong>
      </p>
      <p>{t.erasedNoPreview}</p>
    </div>
  );
}

type Erased = (outcome: Extract<EraseOutcome, { ok: true }>, revision: number) => void;

function RevisionHistory({
  processId,
  snapshot,
  evidence,
  onErased,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  evidence: EvidenceRecord;
  onErased: Erased;
}) {
  const ctx = snapshot.context;
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const name = (personId: string) => ctx.people[personId]?.name ?? personId;
  const newestFirst = [...evidence.revisions].reverse();
  return (
    <details className="revision-history">
      <summary>
        {t.history} ({evidence.revisions.length})
      </summary>
      <ol reversed>
        {newestFirst.map((r) => (
          <li key={r.revision}>
            <p>
              <strong>{t.revision(r.revision)}</strong>: {r.title} · {t.dated} {formatDay(r.documentDate, lang)} ·{' '}
              {t.revisedBy(name(r.by), formatDateTime(r.at, lang))}
            </p>
            {r.reason ? (
              <p>
                {t.reason}: {r.reason}
              </p>
            ) : null}
            <p>
              <ContentSummary content={r.content} /> · {t.digest}: <Digest sha256={r.content.sha256} />
            </p>
            {/* The current version's erasure and preview are shown above the history. */}
            {r.revision !== evidence.revisions.length && r.erasure ? <ErasedNotice ctx={ctx} erasure={r.erasure} /> : null}
            {r.revision !== evidence.revisions.length && !r.erasure ? (
              <>
                <PreviewToggle content={r.content} />
                <EraseContent
                  processId={processId}
                  snapshot={snapshot}
                  evidence={evidence}
                  revision={r}
                  onErased={(outcome) => onErased(outcome, r.revision)}
                />
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function EvidenceItem({
  processId,
  snapshot,
  evidence,
  at,
  linked = false,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  evidence: EvidenceRecord;
  /** Now, as the domain sees it: what counts as expired. */
  at: string;
  /** The one a link pointed at: the list moves focus to it, so it must take focus. */
  linked?: boolean;
}) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = snapshot.context;
  const rev = currentRevision(evidence);
  const expired = isExpired(evidence, at);
  const kind = engine.rulebook.evidenceKinds.kinds.find((k) => k.id === evidence.kind);
  const titleId = useId();
  const formId = useId();
  const [revising, setRevising] = useState(false);
  const { may } = useActionScope(snapshot);
  const [notice, setNotice] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const names = (ids: readonly { agencyName: string }[]) => ids.map((k) => k.agencyName).join(', ');
  // The erase panel that was used disappears with the erasure; focus goes to what became of it.
  const erased: Erased = (outcome, revision) => {
    const what = outcome.file === 'kept' ? t.erasedKept(names(outcome.keptFor)) : outcome.file === 'absent' ? t.erasedAbsent : '';
    setNotice([t.erasedDone(revision), what].filter(Boolean).join(' '));
    requestAnimationFrame(() => status.current?.focus());
  };
  const itemClass = ['evidence-item', expired ? 'expired' : '', rev.erasure ? 'erased' : ''].filter(Boolean).join(' ');
  return (
    <li className={itemClass}>
      <article aria-labelledby={titleId} data-evidence-id={evidence.evidenceId} tabIndex={linked ? -1 : undefined}>
        <h4 id={titleId}>
          {rev.title} <span className="badge">{t.revision(rev.revision)}</span>
          {expired ? (
            <span className="badge badge-danger">
              <span aria-hidden="true">⚠ </span>
              {t.expired}
            </span>
          ) : null}
          {rev.erasure ? (
            <span className="badge">
              <span aria-hidden="true">⌫ </span>
              {t.erasedBadge}
            </span>
          ) : null}
        </h4>
        <dl className="evidence-meta">
          <dt>{t.kindLabel}</dt>
          <dd>{kind?.label[lang] ?? evidence.kind}</dd>
          <dt>{t.dated}</dt>
          <dd>
            {formatDay(rev.documentDate, lang)}
            {rev.reviewBy ? (
              <>
                {' · '}
                {expired ? t.expiredSince(formatDay(rev.reviewBy, lang)) : t.reviewUntil(formatDay(rev.reviewBy, lang))}
              </>
            ) : null}
          </dd>
          <dt>{t.provesLabel}</dt>
          <dd>
            <ProvesSummary ctx={ctx} proves={evidence.proves} />
          </dd>
          <dt>{t.contentLabel}</dt>
          <dd>
            <ContentSummary content={rev.content} />
          </dd>
          <dt>{t.digest}</dt>
          <dd>
            <Digest sha256={rev.content.sha256} />
          </dd>
        </dl>
        {rev.erasure ? (
          <ErasedNotice ctx={ctx} erasure={rev.erasure} />
        ) : (
          <>
            <PreviewToggle content={rev.content} />
            <EraseContent
              processId={processId}
              snapshot={snapshot}
              evidence={evidence}
              revision={rev}
              onErased={(outcome) => erased(outcome, rev.revision)}
            />
          </>
        )}
        <RevisionHistory processId={processId} snapshot={snapshot} evidence={evidence} onErased={erased} />
        {may('EvidenceRevised') ? (
          <>
            <button
              ref={toggle}
              type="button"
              className="revise-toggle"
              aria-expanded={revising}
              aria-controls={revising ? formId : undefined}
              onClick={() => {
                setRevising(!revising);
                setNotice('');
              }}
            >
              {t.revise}
            </button>
            {revising ? (
              <div id={formId}>
                <ReviseForm
                  processId={processId}
                  snapshot={snapshot}
                  evidence={evidence}
                  onSaved={() => {
                    setRevising(false);
                    setNotice(t.revisionSaved(rev.revision + 1));
                    toggle.current?.focus();
                  }}
                />
              </div>
            ) : null}
          </>
        ) : null}
        <Status ref={status} tabIndex={-1} className="status-line">
          {notice}
        </Status>
      </article>
    </li>
  );
}
