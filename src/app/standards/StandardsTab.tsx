/**
 * The Standards tab: the agency's self-assessment against the catalog's standards, grouped by
 * IQ field of action, and how the maturity developed over the cycles. When rating is possible
 * is the template's data (`allowsAssessment`) and, for a single rating, the engine's answer.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { assessmentsOf } from '../../../machines/process/process.queries.ts';
import { useServices } from '../data.tsx';
import { locale, useLang, useMessages } from '../i18n.tsx';
import { timeFor } from '../process-data.tsx';
import { MaturityHistory } from './MaturityHistory.tsx';
import { IQ_LEVEL_ORDER, standardsMessages } from './messages.ts';
import { StandardCard } from './StandardCard.tsx';
import { groupByIqLevel, unratedInStage } from './standard-view.ts';

function WhenToRate({ snapshot }: { snapshot: ProcessSnapshot }) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = snapshot.context;
  const { catalog, template } = engine.rulebook;
  const stages = template.stages.filter((s) => s.allowsAssessment).map((s) => s.title[lang]);
  const conjunction = new Intl.ListFormat(locale(lang), { type: 'conjunction' });
  const current = template.stages.find((s) => s.id === ctx.stage);
  if (!current) return null;
  const rated = Object.keys(assessmentsOf(ctx)).length;
  return (
    <div className={`notice ${current.allowsAssessment ? 'notice-info' : 'notice-warning'}`}>
      <p>{t.intro(catalog.standards.length)}</p>
      <p>
        <strong>{t.whenPossible(conjunction.format(stages))}</strong>{' '}
        {current.allowsAssessment ? t.nowPossible(current.title[lang]) : t.nowNotPossible(current.title[lang])}
      </p>
      <p>{t.evidenceFrom(catalog.evidenceRequiredFromLevel)}</p>
      <p>{t.progress(rated, catalog.standards.length, ctx.cycle)}</p>
    </div>
  );
}

export function StandardsTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(standardsMessages);
  const { engine, now } = useServices();
  const groups = groupByIqLevel(engine.rulebook.catalog.standards, IQ_LEVEL_ORDER);
  const unrated = unratedInStage(engine.rulebook, snapshot.context, timeFor(snapshot, now()));
  return (
    <div className="standards">
      <section aria-labelledby="standards-title">
        <h2 id="standards-title">{t.title}</h2>
        <WhenToRate snapshot={snapshot} />
        {groups.map((group) => (
          <section key={group.iqLevel} aria-labelledby={`iq-${group.iqLevel}`} className="iq-group">
            <h3 id={`iq-${group.iqLevel}`}>{t.iqLevelHeading(t.iqLevels[group.iqLevel])}</h3>
            {group.standards.map((standard) => (
              <StandardCard
                key={standard.id}
                processId={processId}
                snapshot={snapshot}
                standard={standard}
                needsRatingInStage={unrated?.has(standard.id) ?? false}
              />
            ))}
          </section>
        ))}
      </section>
      <MaturityHistory snapshot={snapshot} />
    </div>
  );
}
