/**
 * "Mit einem früheren Export vergleichen": whether this bundle begins with exactly the events of
 * an earlier export of the same process. An insider who cut the log short or rewrote it between
 * two exports (with their own key, so every signature is valid) is caught here, with the first
 * event where the two part.
 */
import { useRef, useState } from 'react';
import { readBundleFile } from '../../domain/import/bundle-file.ts';
import { type Continuity, compareExports } from '../../domain/trust.ts';
import { type Verdict, verifyBundle } from '../../domain/verify.ts';
import { bundleFileProblemText } from '../../i18n/bundle-file.ts';
import { continuityLine, verdictLine } from '../../i18n/verdict.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { DropZone } from '../ui/DropZone.tsx';
import { verifyMessages } from './messages.ts';

type Intact = Extract<Verdict, { status: 'intact' }>;
type Outcome = { kind: 'continuity'; name: string; continuity: Continuity } | { kind: 'unusable'; name: string; text: string };

export function ContinuityCheck({ verdict }: { verdict: Intact }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const { engine, sha256 } = useServices();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useRef(0);

  const compare = async (file: File) => {
    const mine = ++run.current;
    setBusy(true);
    setOutcome(null);
    let next: Outcome;
    try {
      const read = await readBundleFile(file);
      if (!read.ok) next = { kind: 'unusable', name: file.name, text: bundleFileProblemText(read.problem, lang, engine.rulebook) };
      else {
        const earlier = await verifyBundle(engine, read.bundle, sha256);
        next =
          earlier.status === 'intact'
            ? {
                kind: 'continuity',
                name: file.name,
                continuity: compareExports(
                  { processId: earlier.summary.processId, events: earlier.bundle.events },
                  { processId: verdict.summary.processId, events: verdict.bundle.events },
                ),
              }
            : { kind: 'unusable', name: file.name, text: t.earlierBroken(verdictLine(earlier, lang, engine.rulebook)) };
      }
    } catch {
      next = { kind: 'unusable', name: file.name, text: t.crashed };
    }
    if (run.current !== mine) return;
    setOutcome(next);
    setBusy(false);
  };

  const continues = outcome?.kind === 'continuity' && outcome.continuity.status === 'extends';
  return (
    <section className="card" aria-labelledby="continuity-title">
      <h2 id="continuity-title">{t.continuityTitle}</h2>
      <p>{t.continuityIntro}</p>
      <DropZone
        label={t.continuityChoose}
        dropHint={t.dropHint}
        dropNow={t.dropNow}
        accept=".json,.zip,application/json,application/zip"
        disabled={busy}
        onFile={compare}
      />
      <Status className="status-line">{busy ? t.continuityWorking : ''}</Status>
      {outcome ? (
        <Status as="div" className={`notice ${continues ? 'notice-info' : 'notice-error'}`}>
          <p>
            {t.file}: {outcome.name}
          </p>
          <p>
            <strong>{outcome.kind === 'continuity' ? continuityLine(outcome.continuity, lang) : outcome.text}</strong>
          </p>
        </Status>
      ) : null}
    </section>
  );
}
