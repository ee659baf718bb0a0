/**
 * One piece of evidence in the list: its current version (kind, dates, what it proves, content,
 * digest), whether it has expired, the history of its versions and the way to add a new one.
 */
import { useId, useRef, useState } from 'react';
import type { EvidenceRecord, ProcessContext } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { currentRevision, isExpired } from '../../../machines/process/process.queries.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { ContentSummary, Digest, PreviewToggle, ProvesSummary } from './EvidenceParts.tsx';
import { evidenceMessages } from './messages.ts';
import { ReviseForm } from './ReviseForm.tsx';

function RevisionHistory({ ctx, evidence }: { ctx: ProcessContext; evidence: EvidenceRecord }) {
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
            {r.revision !== evidence.revisions.length ? <PreviewToggle content={r.content} /> : null}
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
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  evidence: EvidenceRecord;
  /** Now, as the domain sees it: what counts as expired. */
  at: string;
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
  const [notice, setNotice] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <li className={expired ? 'evidence-item expired' : 'evidence-item'}>
      <article aria-labelledby={titleId}>
        <h4 id={titleId}>
          {rev.title} <span className="badge">{t.revision(rev.revision)}</span>
          {expired ? (
            <span className="badge badge-danger">
              <span aria-hidden="true">⚠ </span>
              {t.expired}
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
        <PreviewToggle content={rev.content} />
        <RevisionHistory ctx={ctx} evidence={evidence} />
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
        <p role="status" className="status-line">
          {notice}
        </p>
      </article>
    </li>
  );
}
