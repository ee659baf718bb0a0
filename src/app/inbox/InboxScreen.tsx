/**
 * The director's inbox (#/inbox): the open sign-off requests of every process on this device,
 * those waiting for the current person first, overdue before on time, oldest first; and the
 * way in for a request file from another device.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { inboxSources } from '../../db/process-reads.ts';
import { useCurrentIdentity, useServices } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { RequestFileOpen } from '../signoff/RequestFileOpen.tsx';
import { type InboxRow, inboxRows } from './inbox.ts';
import { inboxMessages } from './messages.ts';
import './inbox.css';

export function InboxScreen() {
  return (
    <EngineProvider>
      <Inbox />
    </EngineProvider>
  );
}

function Inbox() {
  const t = useMessages(inboxMessages);
  const { db, engine, now } = useServices();
  const identity = useCurrentIdentity();
  const data = useLiveQuery(() => inboxSources(db, engine), [db, engine]);
  const rows = data ? inboxRows(engine.rulebook, data.processes, identity?.personId ?? null, now().toISOString(), data.saved) : null;
  const mine = rows?.filter((r) => r.mine.length > 0) ?? [];
  const others = rows?.filter((r) => r.mine.length === 0) ?? [];
  return (
    <section className="inbox">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section aria-labelledby="inbox-open-file" className="card">
        <h2 id="inbox-open-file">{t.openTitle}</h2>
        <RequestFileOpen />
      </section>
      {rows === null ? (
        <p>{t.loading}</p>
      ) : (
        <>
          <RequestTable id="inbox-mine" title={t.mineTitle} empty={t.noneMine} rows={mine} />
          <RequestTable id="inbox-others" title={t.othersTitle} empty={t.noneOthers} rows={others} />
        </>
      )}
    </section>
  );
}

function RequestTable({ id, title, empty, rows }: { id: string; title: string; empty: string; rows: InboxRow[] }) {
  const t = useMessages(inboxMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const roleLabel = (role: string) => engine.rulebook.template.roles.find((r) => r.id === role)?.label[lang] ?? role;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table className="inbox-table">
          <thead>
            <tr>
              <th scope="col">{t.agency}</th>
              <th scope="col">{t.milestone}</th>
              <th scope="col">{t.requested}</th>
              <th scope="col">{t.due}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const stage = stageTemplate(engine.rulebook, row.stage);
              return (
                <tr key={`${row.processId}:${row.requestId}`} className={row.overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <Link to={{ screen: 'process', processId: row.processId, tab: 'overview' }} aria-label={t.open(row.agencyName)}>
                      {row.agencyName}
                    </Link>
                    {row.readOnly ? <CopyTag label={t.copy} /> : null}
                  </th>
                  <td>
                    {stage.milestone.title[lang]}
                    <br />
                    <span className="hint">{t.stage(stage.title[lang], row.cycle)}</span>
                  </td>
                  <td>{t.by(row.requestedBy, formatDateTime(row.requestedAt, lang))}</td>
                  <td>
                    {formatDay(row.due, lang)}{' '}
                    {row.overdue ? (
                      <span className="badge badge-danger">
                        <span aria-hidden="true">⚠ </span>
                        {t.overdue}
                      </span>
                    ) : (
                      <span className="hint">({t.onTime})</span>
                    )}
                  </td>
                  <td>
                    {row.answered
                      ? t.answered(row.answered.decision === 'granted' ? t.granted : t.refused, formatDateTime(row.answered.savedAt, lang))
                      : t.waitingFor(row.waitingFor.map(roleLabel).join(', '))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Marks a read-only copy: a label, not a control (no fill, no pointer), with an icon besides the words. */
function CopyTag({ label }: { label: string }) {
  return (
    <span className="copy-tag">
      <svg className="copy-tag-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <rect x="5" y="1.5" width="9" height="10" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M3 4.5H2.5a1 1 0 0 0-1 1V14a1 1 0 0 0 1 1H10a1 1 0 0 0 1-1v-.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      {label}
    </span>
  );
}
