/**
 * One process: the stage stepper and the current cycle on top, then the area the URL names
 * (overview, measures, evidence, standards).
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { actionListItem } from '../../i18n/actions.ts';
import { useCurrentIdentity, useServices, useSigner } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { EvidenceTab } from '../evidence/EvidenceTab.tsx';
import { ExportTab } from '../export/ExportTab.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { MeasuresTab } from '../measures/MeasuresTab.tsx';
import { ReadOnlyProvider, useActionScope, useProcess } from '../process-data.tsx';
import { ReportView } from '../report/ReportView.tsx';
import { Link, type ProcessTab } from '../router.tsx';
import { StandardsTab } from '../standards/StandardsTab.tsx';
import { SyncConflicts } from '../sync/SyncConflicts.tsx';
import { useTimelineReadAhead } from '../timeline/stored-log.ts';
import { TimelineTab } from '../timeline/TimelineTab.tsx';
import { ReasonNamesProvider } from '../ui/Reasons.tsx';
import { processMessages } from './messages.ts';
import { OverviewTab } from './OverviewTab.tsx';

type Tab = ProcessTab;

function StageStepper({ snapshot }: { snapshot: ProcessSnapshot }) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = snapshot.context;
  const stages = engine.rulebook.template.stages;
  const currentIndex = stages.findIndex((s) => s.id === ctx.stage);
  return (
    <nav aria-label={t.stages} className="stepper-wrap">
      <p className="cycle-label">{t.cycle(ctx.cycle)}</p>
      <ol className="stepper">
        {stages.map((stage, i) => {
          // In later cycles the first three stages lie behind; the cyclic ones before the current are done.
          const done = i < currentIndex || (ctx.cycle > 1 && !stage.cyclic);
          const current = i === currentIndex;
          const state = current ? t.current : done ? t.done : t.upcoming;
          return (
            <li key={stage.id} className={current ? 'current' : done ? 'done' : 'upcoming'} aria-current={current ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {done && !current ? '✓' : stage.number}
              </span>
              <span className="step-title">{stage.title[lang]}</span>
              <span className="visually-hidden">({state})</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Tabs({ processId, tab }: { processId: string; tab: Tab }) {
  const t = useMessages(processMessages);
  const tabs: Tab[] = ['overview', 'measures', 'evidence', 'standards', 'timeline', 'export'];
  return (
    <nav aria-label={t.tabs} className="tabs">
      <ul>
        {tabs.map((name) => (
          <li key={name}>
            <Link to={{ screen: 'process', processId, tab: name }} aria-current={tab === name ? 'page' : undefined}>
              {t[name]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `item` is the evidence a link pointed at (evidence tab only): it is shown and focused. */
export function ProcessScreen({ processId, tab, item }: { processId: string; tab: Tab; item?: string | undefined }) {
  return (
    <EngineProvider>
      <ProcessView processId={processId} tab={tab} item={item} />
    </EngineProvider>
  );
}

function ProcessView({ processId, tab, item }: { processId: string; tab: Tab; item?: string | undefined }) {
  const t = useMessages(processMessages);
  const view = useProcess(processId);
  if (view.status === 'loading') return <p>{t.loading}</p>;
  if (view.status !== 'ready') {
    return (
      <section>
        <h1>{view.status === 'missing' ? t.missing : t.corrupt}</h1>
        {view.status === 'corrupt' ? <pre className="detail">{view.detail}</pre> : null}
        <Link to={{ screen: 'start' }}>{t.back}</Link>
      </section>
    );
  }
  const { snapshot, readOnly } = view;
  return (
    <ReadOnlyProvider value={readOnly}>
      <ReasonNamesProvider value={snapshot.context}>
        <ProcessContent processId={processId} tab={tab} item={item} snapshot={snapshot} readOnly={readOnly !== null} />
      </ReasonNamesProvider>
    </ReadOnlyProvider>
  );
}

function ProcessContent({
  processId,
  tab,
  item,
  snapshot,
  readOnly,
}: {
  processId: string;
  tab: Tab;
  item?: string | undefined;
  snapshot: ProcessSnapshot;
  readOnly: boolean;
}) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  useTimelineReadAhead(processId, snapshot.context);
  // The report is a print view of its own: no stepper, no tabs, nothing but the report.
  if (tab === 'report') return <ReportView processId={processId} snapshot={snapshot} />;
  const ctx = snapshot.context;
  const types = { AA: lang === 'de' ? 'Agentur für Arbeit' : 'Employment agency', JC: lang === 'de' ? 'Jobcenter (gE)' : 'Job centre' };
  return (
    <>
      <header className="process-header">
        <h1>{ctx.agency?.name}</h1>
        <p>
          {ctx.agency ? types[ctx.agency.type] : ''} · {ctx.agency?.region}
        </p>
      </header>
      {readOnly ? <div className="notice notice-info">{t.readOnlyCopy}</div> : null}
      {readOnly ? null : <LockedNotice />}
      {readOnly ? null : <RoleNote snapshot={snapshot} />}
      {readOnly ? null : <SyncConflicts processId={processId} />}
      {ctx.pausedAt ? (
        <div className="notice notice-warning">
          <span aria-hidden="true">⏸ </span>
          {t.pausedSince(formatDay(ctx.pausedAt, lang), ctx.pauseReason ?? '')}
        </div>
      ) : null}
      <StageStepper snapshot={snapshot} />
      <Tabs processId={processId} tab={tab} />
      <div className="tab-panel">
        {tab === 'overview' ? <OverviewTab processId={processId} snapshot={snapshot} /> : null}
        {tab === 'measures' ? <MeasuresTab processId={processId} snapshot={snapshot} /> : null}
        {tab === 'evidence' ? <EvidenceTab processId={processId} snapshot={snapshot} item={item} /> : null}
        {tab === 'standards' ? <StandardsTab processId={processId} snapshot={snapshot} /> : null}
        {tab === 'timeline' ? <TimelineTab processId={processId} snapshot={snapshot} /> : null}
        {tab === 'export' ? <ExportTab processId={processId} snapshot={snapshot} /> : null}
      </div>
    </>
  );
}

/**
 * What the person on this device can do here, said once above the tabs: the tabs then offer
 * only those actions, instead of every action with a refusal for the rest.
 */
function RoleNote({ snapshot }: { snapshot: ProcessSnapshot }) {
  const t = useMessages(processMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const identity = useCurrentIdentity();
  const { scope } = useActionScope(snapshot);
  if (scope.kind === 'noProfile' || !identity) return null;
  if (scope.kind === 'notRegistered') return <p className="notice notice-info role-note">{t.notRegistered(scope.name)}</p>;
  const roleLabel = (id: string) => engine.rulebook.template.roles.find((r) => r.id === id)?.label[lang] ?? id;
  // The process is open already: opening it is no longer something anyone can do here.
  const actions = scope.permitted.filter((type) => type !== 'ProcessOpened');
  return (
    <div className="role-note">
      <p>
        {t.actingAs(identity.name, scope.roles.map(roleLabel).join(', '))} {actions.length > 0 ? t.onlyOffered : t.mayRecordNothing}
      </p>
      {actions.length > 0 ? (
        <details>
          <summary>{t.whatYouMayRecord}</summary>
          <ul>
            {actions.map((type) => (
              <li key={type}>{actionListItem(type, lang)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** While the current profile is locked nothing can be recorded: said once, above the tabs. */
function LockedNotice() {
  const t = useMessages(processMessages);
  const identity = useCurrentIdentity();
  const signer = useSigner();
  if (!identity || signer) return null;
  return (
    <div className="notice notice-warning">
      <p>
        <span aria-hidden="true">🔒 </span>
        {t.profileLocked(identity.name)} <Link to={{ screen: 'settings' }}>{t.unlockHere}</Link>
      </p>
    </div>
  );
}
