/**
 * Verify & import: drop or choose a bundle file (JSON or ZIP), see the same verdict the command
 * line gives (intact, or the first broken event and why), for a ZIP whether each evidence file
 * matches its digest, and bring a valid bundle onto this device, read-only or as a take-over.
 * Every file is treated as hostile: whatever is in it, the screen shows a verdict, never a crash.
 */
import { useRef, useState } from 'react';
import type { BundleImportOutcome, ImportMode } from '../../db/import-store.ts';
import { type BundleFile, readBundleFile } from '../../domain/import/bundle-file.ts';
import { type BundleCheck, checkEvidence } from '../../domain/import/check-bundle.ts';
import { verifyBundle } from '../../domain/verify.ts';
import { bundleFileProblemText } from '../../i18n/bundle-file.ts';
import { eventTypeLabel } from '../../i18n/timeline.ts';
import { verdictLine } from '../../i18n/verdict.ts';
import { useSend, useServices } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { ContinueAs } from './ContinueAs.tsx';
import { ContinuityCheck } from './ContinuityCheck.tsx';
import { EvidenceTable } from './EvidenceTable.tsx';
import { importProblemText } from './import-text.ts';
import { verifyMessages } from './messages.ts';
import { SignersCard } from './SignersCard.tsx';
import { TrustCheck } from './TrustCheck.tsx';
import './verify.css';
import { Status } from '../ui/Announcer.tsx';

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; text: string }
  | { kind: 'done'; name: string; check: BundleCheck; file: File }
  | { kind: 'crashed' };

export function VerifyScreen() {
  return (
    <EngineProvider>
      <VerifyView />
    </EngineProvider>
  );
}

function VerifyView() {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const { engine, sha256 } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const run = useRef(0);

  const verify = async (file: File) => {
    const mine = ++run.current;
    const say = (text: string) => {
      if (run.current === mine) setPhase({ kind: 'working', text });
    };
    try {
      say(t.reading(file.name));
      const read: BundleFile = await readBundleFile(file);
      let check: BundleCheck;
      if (!read.ok) check = read;
      else {
        say(t.verifying(read.bundle.events.length));
        // Lets the status line paint before the long synchronous parts of verification.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const verdict = await verifyBundle(engine, read.bundle, sha256);
        const evidence = await checkEvidence(read, verdict, sha256, (done, total) =>
          say(t.hashing(formatBytes(done, lang), formatBytes(total, lang))),
        );
        check = { ok: true, file: read, verdict, evidence };
      }
      if (run.current === mine) setPhase({ kind: 'done', name: file.name, check, file });
    } catch {
      if (run.current === mine) setPhase({ kind: 'crashed' });
    }
  };

  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <DropZone
        label={t.choose}
        dropHint={t.dropHint}
        dropNow={t.dropNow}
        accept=".json,.zip,application/json,application/zip"
        className="verify-drop"
        onFile={verify}
      />
      <Status className="status-line">{phase.kind === 'working' ? phase.text : phase.kind === 'done' ? t.done : ''}</Status>
      {phase.kind === 'crashed' ? <Status className="notice notice-error">{t.crashed}</Status> : null}
      {phase.kind === 'done' ? <Result key={`${phase.name}-${run.current}`} name={phase.name} check={phase.check} /> : null}
    </>
  );
}

function Result({ name, check }: { name: string; check: BundleCheck }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  if (!check.ok) {
    return (
      <section className="card verdict verdict-invalid" aria-labelledby="verdict-title">
        <h2 id="verdict-title">
          <span aria-hidden="true">✗ </span>
          {t.invalid}
        </h2>
        <p>
          {t.file}: {name}
        </p>
        <Status>{bundleFileProblemText(check.problem, lang, engine.rulebook)}</Status>
      </section>
    );
  }
  const { verdict, evidence, file } = check;
  const line = verdictLine(verdict, lang, engine.rulebook);
  const evidenceBad = evidence?.some((row) => row.status === 'mismatch') ?? false;
  return (
    <>
      <section className={`card verdict verdict-${verdict.status}`} aria-labelledby="verdict-title">
        <h2 id="verdict-title">
          {t.verdictTitle}:{' '}
          {verdict.status === 'intact' ? (
            <span className="verdict-word verdict-ok">
              <span aria-hidden="true">✓ </span>
              {t.intact}
            </span>
          ) : (
            <span className="verdict-word verdict-bad">
              <span aria-hidden="true">✗ </span>
              {t.broken}
            </span>
          )}
        </h2>
        <p>
          {t.file}: {name}
        </p>
        {verdict.status === 'broken' ? (
          <Status as="div">
            <dl className="verdict-where">
              <dt>{t.event}</dt>
              <dd>{verdict.event ? `${verdict.event.seq} (${verdict.event.id})` : t.head}</dd>
              {verdict.event ? (
                <>
                  <dt>{t.eventType}</dt>
                  <dd>
                    {/* In words, with the log's own name for the command-line line below. */}
                    {eventTypeLabel(verdict.event.type, lang)} <span className="hint">({verdict.event.type})</span>
                  </dd>
                </>
              ) : null}
              <dt>{t.reason}</dt>
              {/* The command line's "GEBROCHEN: <where>: <reason>", without the parts shown above. */}
              <dd>{line.replace(/^[^:]+: [^:]+: /, '')}</dd>
            </dl>
          </Status>
        ) : null}
        <p className="hint">{t.sameAsCli}</p>
        <p>
          {/* The headline only: the lines after it are shown as the sections below. */}
          <code className="verdict-line">{line.split('\n')[0]}</code>
        </p>
      </section>
      {verdict.status === 'intact' ? (
        <>
          <SignersCard summary={verdict.summary} />
          <TrustCheck verdict={verdict} />
          <ContinuityCheck verdict={verdict} />
        </>
      ) : null}
      {file.kind === 'zip' && evidence ? (
        <EvidenceTable rows={evidence} ignored={file.ignored} />
      ) : (
        <p className="hint">{t.jsonNoEvidence}</p>
      )}
      {verdict.status === 'intact' && evidenceBad ? <Status className="notice notice-error">{t.someBad}</Status> : null}
      {verdict.status === 'intact' && !evidenceBad ? <ImportActions check={check} agencyName={verdict.summary.agencyName} /> : null}
    </>
  );
}

function ImportActions({ check, agencyName }: { check: Extract<BundleCheck, { ok: true }>; agencyName: string }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const send = useSend();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BundleImportOutcome | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  const run = async (mode: ImportMode) => {
    setBusy(true);
    setConfirming(false);
    try {
      setOutcome(await send('importBundle', { check, mode }));
    } catch (error) {
      setOutcome({ ok: false, problem: { code: 'storage', problem: { code: 'failed', detail: String(error) } } });
    }
    setBusy(false);
  };

  if (outcome?.ok) {
    const snapshot = check.verdict.status === 'intact' ? check.verdict.snapshot : null;
    return (
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t.importTitle}</h2>
        <Status as="div" className="notice notice-info">
          <p>
            <span aria-hidden="true">✓ </span>
            {outcome.mode === 'readOnly' ? t.importedReadOnly(agencyName) : t.importedTakeOver(agencyName)}
            {outcome.replaced ? ` ${t.replaced}` : ''}
          </p>
          <p>
            {t.filesStored(outcome.filesStored)}
            {outcome.filesMissing > 0 ? ` ${t.filesMissing(outcome.filesMissing)}` : ''}
          </p>
        </Status>
        {outcome.mode === 'takeOver' && snapshot ? <ContinueAs processId={outcome.processId} snapshot={snapshot} /> : null}
        <p>
          <Link to={{ screen: 'process', processId: outcome.processId, tab: 'overview' }}>{t.open}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t.importTitle}</h2>
      <div className="import-choices">
        <div>
          <button type="button" onClick={() => run('readOnly')} disabled={busy} aria-describedby="import-readonly-hint">
            {t.readOnly}
          </button>
          <p className="hint" id="import-readonly-hint">
            {t.readOnlyHint}
          </p>
        </div>
        <div>
          <button
            type="button"
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => confirmHeading.current?.focus());
            }}
            disabled={busy}
            aria-describedby="import-takeover-hint"
            aria-expanded={confirming}
          >
            {t.takeOver}
          </button>
          <p className="hint" id="import-takeover-hint">
            {t.takeOverHint}
          </p>
        </div>
      </div>
      {confirming ? (
        <div className="notice notice-warning confirm-takeover">
          <h3 ref={confirmHeading} tabIndex={-1}>
            {t.confirmTitle}
          </h3>
          <ul>
            {t.confirmPoints.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => run('takeOver')}>
            {t.confirm}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </div>
      ) : null}
      <Status className="status-line">{busy ? t.importing : ''}</Status>
      {outcome && !outcome.ok ? (
        <Status className="notice notice-error">{importProblemText(outcome.problem, lang, engine.rulebook)}</Status>
      ) : null}
    </section>
  );
}
