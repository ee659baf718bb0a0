/**
 * Start: the processes on this device, a form to create one, and the demo process.
 */
import { lazy, Suspense, useState } from 'react';
import processTemplate from '../../../standards/process-template.json' with { type: 'json' };
import { DEMO_PROCESS_ID } from '../../domain/demo/demo-id.ts';
import { BackupReminder } from '../backup/BackupReminder.tsx';
import { useProcessList, useSend } from '../data.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { requestPersistentStorage } from '../persistence.ts';
import { Link, navigate } from '../router.tsx';
import { Status } from '../ui/Announcer.tsx';
import { startMessages } from './messages.ts';

const CreateProcess = lazy(() => import('./CreateProcess.tsx').then((m) => ({ default: m.CreateProcess })));

function ProcessList() {
  const t = useMessages(startMessages);
  const { lang } = useLang();
  const processes = useProcessList();
  // Stage titles straight from the template data: the start screen does not load the engine.
  const stage = (id: string) => processTemplate.stages.find((s) => s.id === id);
  if (processes === undefined) return null;
  if (processes.length === 0) return <p>{t.none}</p>;
  // On a phone the table scrolls sideways inside its box rather than widening the whole page.
  return (
    <div className="table-scroll">
      <table className="process-table">
        <caption className="visually-hidden">{t.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t.agency}</th>
            <th scope="col">{t.type}</th>
            <th scope="col">{t.region}</th>
            <th scope="col">{t.stage}</th>
            <th scope="col">{t.cycle}</th>
            <th scope="col">{t.next}</th>
          </tr>
        </thead>
        <tbody>
          {processes.map((p) => (
            <tr key={p.processId}>
              <th scope="row">
                <Link to={{ screen: 'process', processId: p.processId, tab: 'overview' }} aria-label={t.open(p.agencyName)}>
                  {p.agencyName}
                </Link>
              </th>
              <td>{t.types[p.agencyType]}</td>
              <td>{p.region}</td>
              <td>
                {stage(p.stage)?.number}. {stage(p.stage)?.title[lang]}
                {p.paused ? <span className="badge badge-warning"> ⏸ {t.paused}</span> : null}
              </td>
              <td>{p.cycle}</td>
              <td>
                {p.nextDue ? (
                  <>
                    {p.nextDue.overdue ? <span className="badge badge-danger">⚠ {t.overdue}</span> : null} {formatDay(p.nextDue.due, lang)}:{' '}
                    {p.nextDue.title}
                  </>
                ) : (
                  t.nothingDue
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Loads the demo process, or, once it is on this device, opens it instead of offering it again. */
function DemoLoader() {
  const t = useMessages(startMessages);
  const send = useSend();
  const processes = useProcessList();
  const loaded = processes?.some((p) => p.processId === DEMO_PROCESS_ID) ?? false;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setMessage(t.demoLoading);
    // The demo generator is loaded only when asked for: it is not part of the initial download.
    const outcome = await send('loadDemo');
    setBusy(false);
    if (outcome.ok) requestPersistentStorage();
    if (outcome.ok || outcome.kind === 'exists') {
      setMessage(outcome.ok ? null : t.demoExists);
      navigate({ screen: 'process', processId: DEMO_PROCESS_ID, tab: 'overview' });
    } else {
      setMessage(outcome.kind === 'storage' ? outcome.problem.code : outcome.detail);
    }
  };
  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">{t.demoTitle}</h2>
      <p>{t.demoText}</p>
      {loaded && !busy ? (
        <>
          <p>{t.demoExists}</p>
          <p>
            <Link to={{ screen: 'process', processId: DEMO_PROCESS_ID, tab: 'overview' }}>{t.demoOpen}</Link>
          </p>
        </>
      ) : (
        <>
          <button type="button" onClick={load} disabled={busy} aria-describedby="demo-status">
            {t.demoButton}
          </button>
          <Status id="demo-status">{message}</Status>
        </>
      )}
    </section>
  );
}

export function StartScreen() {
  const t = useMessages(startMessages);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <BackupReminder />
      <ProcessList />
      <div className="two-columns">
        <Suspense fallback={<p>…</p>}>
          <CreateProcess />
        </Suspense>
        <DemoLoader />
      </div>
    </>
  );
}
