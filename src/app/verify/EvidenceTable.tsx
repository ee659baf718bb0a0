/** The evidence files of a ZIP bundle, each with its digest and whether its bytes match it. */
import type { EvidenceFileRow, EvidenceFileStatus } from '../../domain/import/check-bundle.ts';
import { EVIDENCE_STATUS } from '../../i18n/bundle-file.ts';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { verifyMessages } from './messages.ts';

export function EvidenceTable({ rows, ignored }: { rows: EvidenceFileRow[]; ignored: string[] }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const okCount = rows.filter((r) => r.status === 'ok').length;
  return (
    <section className="card" aria-labelledby="evidence-files-title">
      <h2 id="evidence-files-title">{t.evidenceTitle}</h2>
      {okCount === rows.length ? <p>{t.allOk(rows.length)}</p> : <StatusSummary rows={rows} />}
      <div className="table-scroll">
        <table className="evidence-files">
          <caption className="visually-hidden">{t.evidenceCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.evidenceName}</th>
              <th scope="col">{t.digest}</th>
              <th scope="col">{t.size}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.sha256} className={`evidence-${row.status}`}>
                <th scope="row">
                  {row.names.join(', ') || '–'}
                  {row.titles.length > 0 ? <span className="hint"> · {row.titles.join(' / ')}</span> : null}
                </th>
                <td>
                  <code title={row.sha256}>{row.sha256.slice(0, 16)}…</code>
                </td>
                <td>{formatBytes(row.size, lang)}</td>
                <td>
                  <span aria-hidden="true">{EVIDENCE_STATUS[row.status].icon} </span>
                  {EVIDENCE_STATUS[row.status][lang]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StatusNotices rows={rows} />
      {ignored.length > 0 ? (
        <div className="notice notice-warning">
          <p>{t.ignored}</p>
          <ul>
            {ignored.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** Stated above the table, so one changed file among dozens does not hide in row 17: errors, then what deserves a look. */
const ERRORS: readonly EvidenceFileStatus[] = ['mismatch'];
const WARNINGS: readonly EvidenceFileStatus[] = ['erasedButPresent', 'notInIndex'];

/** What a file left out and a content that should be gone mean, below the table. */
function StatusNotices({ rows }: { rows: EvidenceFileRow[] }) {
  const t = useMessages(verifyMessages);
  const notIncluded = rows.filter((r) => r.status === 'missing').length;
  const present = rows.filter((r) => r.status === 'erasedButPresent').length;
  return (
    <>
      {notIncluded > 0 ? <p className="notice notice-info">{t.notIncluded(notIncluded)}</p> : null}
      {present > 0 ? <Status className="notice notice-warning">{t.erasedButPresent(present)}</Status> : null}
    </>
  );
}

function StatusSummary({ rows }: { rows: EvidenceFileRow[] }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const counts = new Map<EvidenceFileStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} × ${EVIDENCE_STATUS[status].icon} ${EVIDENCE_STATUS[status][lang]}`).join(', ');
  const level = ERRORS.some((s) => counts.has(s)) ? 'error' : WARNINGS.some((s) => counts.has(s)) ? 'warning' : 'info';
  return <p className={`notice notice-${level}`}>{t.statusSummary(rows.length, parts)}</p>;
}
