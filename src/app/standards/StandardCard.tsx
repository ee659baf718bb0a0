/**
 * One standard: what it asks (description, indicators), how it is rated in the current cycle
 * and on what evidence, by whom and when; and the form to rate it, folded away until needed.
 */
import { useState } from 'react';
import type { AssessmentRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { assessmentsOf, currentRevision, findEvidence, isExpired } from '../../../machines/process/process.queries.ts';
import type { Standard } from '../../../standards/schema.ts';
import { useServices } from '../data.tsx';
import { formatDateTime, formatDay, useLang, useMessages } from '../i18n.tsx';
import { timeFor, useActionScope } from '../process-data.tsx';
import { standardsMessages } from './messages.ts';
import { RatingForm } from './RatingForm.tsx';
import { earlierRating, scaleName } from './standard-view.ts';

function CitedEvidence({ snapshot, rating }: { snapshot: ProcessSnapshot; rating: AssessmentRecord }) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const ctx = snapshot.context;
  const at = timeFor(snapshot, now());
  const kindLabel = (kind: string) => engine.rulebook.evidenceKinds.kinds.find((k) => k.id === kind)?.label[lang] ?? kind;
  if (rating.evidenceIds.length === 0) return <p className="muted">{t.noEvidenceCited}</p>;
  return (
    <ul className="cited-evidence">
      {rating.evidenceIds.map((evidenceId) => {
        const evidence = findEvidence(ctx, evidenceId);
        if (!evidence) return <li key={evidenceId}>{t.missingEvidence(evidenceId)}</li>;
        const rev = currentRevision(evidence);
        const expired = isExpired(evidence, at);
        return (
          <li key={evidenceId}>
            {rev.title} <span className="badge badge-kind">{kindLabel(evidence.kind)}</span> {formatDay(rev.documentDate, lang)}
            {expired ? (
              <span className="badge badge-warning">
                <span aria-hidden="true">⚠ </span>
                {t.expired}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function CurrentRating({
  snapshot,
  standard,
  rating,
}: {
  snapshot: ProcessSnapshot;
  standard: Standard;
  rating: AssessmentRecord | undefined;
}) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const ctx = snapshot.context;
  if (!rating) {
    const earlier = earlierRating(ctx, standard.id);
    return (
      <div className="current-rating unrated">
        <p>
          <span className="level-pill level-none" aria-hidden="true">
            –
          </span>{' '}
          {t.notRated}
        </p>
        {earlier ? <p className="muted">{t.previously(earlier.cycle, earlier.rating.level)}</p> : null}
      </div>
    );
  }
  const who = ctx.people[rating.by]?.name ?? rating.by;
  return (
    <div className="current-rating">
      <p className="rating-level">
        <span className="level-pill" aria-hidden="true">
          {rating.level}
        </span>{' '}
        <strong>
          {t.level(rating.level)}: {scaleName(engine.rulebook.catalog.maturityScale[rating.level]?.[lang] ?? '')}
        </strong>
      </p>
      <p>{standard.maturity[rating.level]?.[lang]}</p>
      <p className="muted">{t.ratedBy(who, formatDateTime(rating.at, lang))}</p>
      {rating.note ? (
        <p>
          <strong>{t.note}:</strong> {rating.note}
        </p>
      ) : null}
      <h5>{t.evidenceCited}</h5>
      <CitedEvidence snapshot={snapshot} rating={rating} />
    </div>
  );
}

export function StandardCard({
  processId,
  snapshot,
  standard,
  needsRatingInStage,
}: {
  processId: string;
  snapshot: ProcessSnapshot;
  standard: Standard;
  needsRatingInStage: boolean;
}) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const [formOpen, setFormOpen] = useState(false);
  const { may } = useActionScope(snapshot);
  const rating = assessmentsOf(snapshot.context)[standard.id];
  const headingId = `standard-${standard.id}`;
  return (
    <article className="card standard-card" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className="standard-number">{t.standardNumber(standard.number)}:</span> {standard.title[lang]}
      </h4>
      {needsRatingInStage ? (
        <p>
          <span className="badge badge-warning">
            <span aria-hidden="true">○ </span>
            {t.notRatedInStage}
          </span>
        </p>
      ) : null}
      <details className="standard-description">
        <summary>{t.description}</summary>
        <p>{standard.description[lang]}</p>
      </details>
      <h5>{t.indicators}</h5>
      <ul className="indicators">
        {standard.indicators.map((indicator) => (
          <li key={indicator.de}>{indicator[lang]}</li>
        ))}
      </ul>
      <h5>{t.currentRating}</h5>
      <CurrentRating snapshot={snapshot} standard={standard} rating={rating} />
      {may('AssessmentRecorded') ? (
        <details className="rate-standard" onToggle={(e) => setFormOpen(e.currentTarget.open)}>
          <summary>{rating ? t.rateAgain : t.rate}</summary>
          {/* Mounted only while open: twelve live forms would each ask the engine on every render. */}
          {formOpen ? <RatingForm processId={processId} snapshot={snapshot} standard={standard} current={rating} /> : null}
        </details>
      ) : null}
    </article>
  );
}
