/** The sections of the Prozessbericht, each a heading and a table that prints without cut rows. */
import type { ReactNode } from 'react';
import type { Rulebook } from '../../../standards/rulebook.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import type { ProcessReport } from '../../domain/report.ts';
import { wordsFor } from '../../i18n/reasons.ts';
import { signingWarning } from '../../i18n/verdict.ts';
import { formatBytes, formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { measureStatusLabels } from '../measures/messages.ts';
import { ScrollBox } from '../ui/ScrollBox.tsx';
import { reportMessages } from './messages.ts';

export function ReportSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A report table: the scrolling box, the column headings, and the rows given as children. */
function ReportTable({
  labelledBy,
  className,
  columns,
  children,
}: {
  labelledBy: string;
  className?: string;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <ScrollBox labelledBy={labelledBy} className="report-table-box">
      <table className={className}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              // Columns are fixed per table; their position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <th scope="col" key={i}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}

export function StageHistorySection({ report, rulebook }: { report: ProcessReport; rulebook: Rulebook }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const w = wordsFor(rulebook, lang);
  return (
    <ReportSection id="report-history" title={t.historyTitle}>
      {report.cycles.map((cycle) => (
        <div key={cycle} className="report-cycle">
          <h3 id={`report-history-${cycle}`}>{t.cycleHeading(cycle)}</h3>
          <ReportTable labelledBy={`report-history-${cycle}`} columns={[t.phase, t.entered, t.left]}>
            {report.stageHistory
              .filter((visit) => visit.cycle === cycle)
              .map((visit) => (
                <tr key={`${visit.stage}-${visit.enteredPosition}`}>
                  <th scope="row">{w.stage(visit.stage)}</th>
                  <td>{formatDay(visit.enteredAt, lang)}</td>
                  <td>{visit.leftAt ? formatDay(visit.leftAt, lang) : t.ongoing}</td>
                </tr>
              ))}
          </ReportTable>
        </div>
      ))}
    </ReportSection>
  );
}

export function MilestonesSection({ report, rulebook }: { report: ProcessReport; rulebook: Rulebook }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const w = wordsFor(rulebook, lang);
  const milestoneTitle = (stage: string) => rulebook.template.stages.find((s) => s.id === stage)?.milestone.title[lang] ?? stage;
  return (
    <ReportSection id="report-milestones" title={t.milestonesTitle}>
      <p>{t.milestonesIntro}</p>
      {report.milestones.length === 0 ? (
        <p>{t.noMilestones}</p>
      ) : (
        <ReportTable
          labelledBy="report-milestones"
          className="report-milestones"
          columns={[t.milestone, t.requested, t.outcome, t.decisions]}
        >
          {report.milestones.map((m) => (
            <tr key={m.requestId}>
              <th scope="row">
                {milestoneTitle(m.stage)}
                <span className="report-sub">
                  {w.stage(m.stage)} · {t.cycle} {m.cycle}
                </span>
              </th>
              <td>
                {formatDay(m.requestedAt, lang)}
                <span className="report-sub">
                  {t.by} {m.requestedBy}
                </span>
              </td>
              <td>
                <strong>{t.requestStatus[m.status]}</strong>
                {m.waitingFor.length > 0 ? (
                  <span className="report-sub">
                    {t.waitingFor} {w.roles(m.waitingFor)}
                  </span>
                ) : null}
              </td>
              <td>
                <ul className="report-decisions">
                  {m.decisions.map((d) => (
                    <li key={`${d.role}-${d.signedAt}`}>
                      {w.role(d.role)}: {d.name}, <strong>{t.decision[d.decision]}</strong> {t.on} {formatDateTime(d.signedAt, lang)}
                      {d.comment ? (
                        <>
                          {' '}
                          – <q>{d.comment}</q>
                        </>
                      ) : null}
                      <span className="report-sub">
                        {t.keyLabel} <span className="report-mono">{fingerprint(d.keyId)}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </ReportTable>
      )}
    </ReportSection>
  );
}

export function MaturitySection({ report, rulebook }: { report: ProcessReport; rulebook: Rulebook }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const standards = new Map(rulebook.catalog.standards.map((s) => [s.id, `${s.number}. ${s.title[lang]}`]));
  return (
    <ReportSection id="report-maturity" title={t.maturityTitle}>
      <p>{t.maturityIntro}</p>
      <ReportTable
        labelledBy="report-maturity"
        className="report-maturity"
        columns={[t.standard, ...report.cycles.map((c) => t.cycleHeading(c))]}
      >
        {report.maturity.map((m) => (
          <tr key={m.standardId}>
            <th scope="row">{standards.get(m.standardId) ?? m.standardId}</th>
            {m.levels.map((level, i) => (
              <td key={report.cycles[i]} className="report-level">
                {level === null ? <abbr title={t.notRated}>–</abbr> : level}
              </td>
            ))}
          </tr>
        ))}
      </ReportTable>
    </ReportSection>
  );
}

export function MeasuresSection({ report }: { report: ProcessReport }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const status = measureStatusLabels[lang] as Record<string, string>;
  return (
    <ReportSection id="report-measures" title={t.measuresTitle}>
      {report.measures.length === 0 ? (
        <p>{t.noMeasures}</p>
      ) : (
        <ReportTable
          labelledBy="report-measures"
          className="report-measures"
          columns={[t.measure, t.cycle, t.owner, t.due, t.state, t.result]}
        >
          {report.measures.map((m) => (
            <tr key={m.measureId}>
              <th scope="row">{m.title}</th>
              <td>{m.completedCycle && m.completedCycle !== m.cycle ? `${m.cycle}–${m.completedCycle}` : m.cycle}</td>
              <td>{m.owner}</td>
              <td>{formatDay(m.due, lang)}</td>
              <td>
                {status[m.status] ?? m.status}
                {m.overdue ? <strong className="report-overdue"> ({t.overdue})</strong> : null}
              </td>
              <td>{m.outcome ?? m.lastNote ?? ''}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </ReportSection>
  );
}

export function EvidenceSection({ report, rulebook }: { report: ProcessReport; rulebook: Rulebook }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const w = wordsFor(rulebook, lang);
  return (
    <ReportSection id="report-evidence" title={t.evidenceTitle}>
      <p>{t.evidenceIntro}</p>
      {report.evidence.length === 0 ? (
        <p>{t.noEvidence}</p>
      ) : (
        <ReportTable labelledBy="report-evidence" className="report-evidence" columns={[t.evidence, t.evidenceKind, t.content, 'SHA-256']}>
          {report.evidence.map((e) => (
            <tr key={`${e.evidenceId}-${e.revision}`}>
              <th scope="row">
                {e.title}
                <span className="report-sub">
                  {t.revision(e.revision)} · {t.cycle} {e.cycle} · {formatDay(e.recordedAt, lang)}
                </span>
              </th>
              <td>{w.kinds([e.kind])}</td>
              <td>
                {t.contentType[e.contentType]}
                {e.name ? `: ${e.name}` : ''}
                {e.size !== null ? ` (${formatBytes(e.size, lang)})` : ''}
                {e.erasedAt ? <span className="report-sub">{t.erased(formatDay(e.erasedAt, lang))}</span> : null}
              </td>
              <td className="report-mono report-digest">{e.sha256}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </ReportSection>
  );
}

/**
 * From which event on the log is attributable, and every key in the process with its
 * fingerprint: what an auditor compares with a fingerprint known from elsewhere.
 */
export function KeysSection({ report, founderKeyId }: { report: ProcessReport; founderKeyId: string | null }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const { signedFrom, keys } = report.signing;
  const warning = signingWarning(signedFrom, report.eventCount, lang);
  return (
    <ReportSection id="report-keys" title={t.keysTitle}>
      {warning ? <p className="report-warning">{warning.replace(/^[^:]+: /, '')}</p> : <p>{t.allSigned}</p>}
      <p>{t.keysIntro}</p>
      <ReportTable
        labelledBy="report-keys"
        className="report-keys"
        columns={[t.keyPerson, t.keyFingerprint, t.keyRegistered, t.keyRevoked]}
      >
        {keys.map((k) => (
          <tr key={k.keyId}>
            <th scope="row">
              {k.name}
              {k.keyId === founderKeyId ? <span className="report-sub">{t.founderKey}</span> : null}
            </th>
            <td className="report-mono">{fingerprint(k.keyId)}</td>
            <td>{formatDay(k.registeredAt, lang)}</td>
            <td>{k.revokedAt ? formatDay(k.revokedAt, lang) : '–'}</td>
          </tr>
        ))}
      </ReportTable>
    </ReportSection>
  );
}
