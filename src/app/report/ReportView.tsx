/**
 * The Prozessbericht: a print view for the yearly review and the Regionaldirektion, laid out for
 * A4 (report.css), that any browser saves as PDF. It renders the same report data as
 * `ankerpunkt report` (src/domain/report.ts), plus the chain's head hash and how to verify it,
 * in the language the app is switched to.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { openingEvent, processHead } from '../../db/reads.ts';
import { buildReport, type ChainReport, type ProcessReport } from '../../domain/report.ts';
import { wordsFor } from '../../i18n/reasons.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { reportMessages } from './messages.ts';
import {
  EvidenceSection,
  KeysSection,
  MaturitySection,
  MeasuresSection,
  MilestonesSection,
  ReportSection,
  StageHistorySection,
} from './ReportSections.tsx';
import './report.css';

function ReportFacts({ report }: { report: ProcessReport }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const w = wordsFor(engine.rulebook, lang);
  const facts: [string, string][] = [
    [t.type, t.agencyType[report.agency.type]],
    [t.region, report.agency.region],
    [t.started, formatDay(report.startedOn, lang)],
    [t.stage, `${w.stage(report.stage)} · ${t.cycle} ${report.cycle}`],
    [t.status, report.paused ? t.paused(formatDay(report.paused.since, lang), report.paused.reason) : t.running],
    [t.events, String(report.eventCount)],
    [t.asOf, formatDateTime(report.asOf, lang)],
  ];
  return (
    <dl className="report-facts" aria-label={t.facts}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ChainSection({ chain }: { chain: ChainReport | null }) {
  const t = useMessages(reportMessages);
  const [download, verify, compare, without] = t.how;
  return (
    <ReportSection id="report-chain" title={t.chainTitle}>
      <p>{t.chainIntro}</p>
      {chain ? (
        <dl className="report-chain">
          <div>
            <dt>{t.headHash}</dt>
            <dd className="report-mono report-digest">{chain.headHash}</dd>
          </div>
          <div>
            <dt>{t.eventCount}</dt>
            <dd>{chain.eventCount}</dd>
          </div>
        </dl>
      ) : (
        <p>{t.unknownHead}</p>
      )}
      <h3>{t.howTitle}</h3>
      <ol className="report-how">
        <li>{download}</li>
        <li>
          {verify}
          <br />
          <code className="report-command">{t.verifyCommand}</code>
        </li>
        <li>{compare}</li>
        <li>{without}</li>
      </ol>
    </ReportSection>
  );
}

export function ReportView({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(reportMessages);
  const { lang } = useLang();
  const { db, engine, now } = useServices();
  const head = useLiveQuery(() => processHead(db, processId), [db, processId]);
  // The opening names the founder's key: the root every other key was registered from.
  const opening = useLiveQuery(() => openingEvent(db, processId), [db, processId]);
  const founderKeyId = opening?.type === 'ProcessOpened' ? opening.payload.founder.key.keyId : null;
  const chain = head ? { eventCount: head.seq, headHash: head.hash, founderKeyId } : null;
  const asOf = now().toISOString();
  const report = buildReport(engine, snapshot, asOf, chain);
  return (
    <article className="report" aria-labelledby="report-title">
      <header className="report-header">
        <p className="report-kind">{t.kind}</p>
        <h1 id="report-title">{report.agency.name}</h1>
        <ReportFacts report={report} />
        <div className="report-actions no-print">
          <button type="button" className="primary" onClick={() => window.print()} aria-describedby="report-print-hint">
            {t.print}
          </button>
          <Link to={{ screen: 'process', processId, tab: 'export' }}>{t.back}</Link>
          <p className="field-hint" id="report-print-hint">
            {t.printHint}
          </p>
        </div>
      </header>
      <StageHistorySection report={report} rulebook={engine.rulebook} />
      <MilestonesSection report={report} rulebook={engine.rulebook} />
      <MaturitySection report={report} rulebook={engine.rulebook} />
      <MeasuresSection report={report} />
      <EvidenceSection report={report} rulebook={engine.rulebook} />
      <ChainSection chain={chain} />
      <KeysSection report={report} founderKeyId={founderKeyId} />
      <footer className="report-footer">
        <p>{t.footer(formatDateTime(asOf, lang))}</p>
      </footer>
    </article>
  );
}
