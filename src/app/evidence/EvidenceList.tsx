/**
 * All evidence of the process, by yearly cycle with the current cycle first and the newest
 * evidence first within a cycle, filterable by kind and by the stage it proves. A link to one
 * piece of evidence (#/p/<id>/evidence/<evidenceId>) brings that one into view and focuses it.
 */
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import type { EvidenceRecord } from '../../../machines/process/process.context.ts';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { findEvidence } from '../../../machines/process/process.queries.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { STAGE_ORDER } from '../../../standards/schema.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { timeFor } from '../process-data.tsx';
import { Status } from '../ui/Announcer.tsx';
import { SelectField } from '../ui/Field.tsx';
import { EvidenceItem } from './EvidenceItem.tsx';
import { evidenceMessages } from './messages.ts';

const ALL = '*';
const NO_STAGE = '-';

/** When it was first attached: the first version's time. */
const attachedAt = (e: EvidenceRecord) => e.revisions[0]?.at ?? '';

function matches(e: EvidenceRecord, kind: string, stage: string): boolean {
  if (kind !== ALL && e.kind !== kind) return false;
  if (stage === ALL) return true;
  return stage === NO_STAGE ? e.proves.stage === null : e.proves.stage === stage;
}

/**
 * Shows the linked evidence once per link: a filter that hides it is cleared, a closed <details>
 * around it is opened, then it is scrolled into view and focused. Later re-renders (a new event,
 * a changed filter) leave focus and scroll where the user put them.
 */
function useShowLinked(
  item: string | undefined,
  listRef: RefObject<HTMLElement | null>,
  isHidden: (evidenceId: string) => boolean,
  showAll: () => void,
): void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = item ?? null;
  }, [item]);
  // After every render until done: the item may first need a render without the filter.
  useEffect(() => {
    const wanted = pending.current;
    if (!wanted) return;
    if (isHidden(wanted)) {
      showAll();
      return;
    }
    const target = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-evidence-id]') ?? [])].find(
      (el) => el.dataset.evidenceId === wanted,
    );
    // Not in the list at all (unknown id): the notice says so; nothing to focus.
    pending.current = null;
    if (!target) return;
    for (let details = target.closest('details'); details; details = details.parentElement?.closest('details') ?? null) details.open = true;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  });
}

export function EvidenceList({ processId, snapshot, item }: { processId: string; snapshot: ProcessSnapshot; item?: string | undefined }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const ctx = snapshot.context;
  const [kind, setKind] = useState(ALL);
  const [stage, setStage] = useState(ALL);
  const countId = useId();
  const at = timeFor(snapshot, now());
  const listRef = useRef<HTMLElement>(null);
  const linked = item ? findEvidence(ctx, item) : undefined;
  useShowLinked(
    item,
    listRef,
    (id) => {
      const record = findEvidence(ctx, id);
      return record !== undefined && !matches(record, kind, stage);
    },
    () => {
      setKind(ALL);
      setStage(ALL);
    },
  );

  const cycles = [...ctx.cycles].reverse().map((c) => {
    const all = Object.values(c.evidence);
    const shown = all.filter((e) => matches(e, kind, stage)).sort((a, b) => (attachedAt(a) < attachedAt(b) ? 1 : -1));
    return { cycle: c.cycle, total: all.length, shown };
  });
  const total = cycles.reduce((n, c) => n + c.total, 0);
  const shown = cycles.reduce((n, c) => n + c.shown.length, 0);

  return (
    <section ref={listRef} aria-labelledby="evidence-list-title" className="evidence-list">
      <h2 id="evidence-list-title">{t.listTitle}</h2>
      {item && !linked ? <Status className="notice notice-info">{t.unknownItem}</Status> : null}
      {total === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <fieldset className="filters">
            <legend>{t.filters}</legend>
            <SelectField label={t.filterKind} value={kind} onChange={(e) => setKind(e.target.value)} aria-controls={countId}>
              <option value={ALL}>{t.all}</option>
              {engine.rulebook.evidenceKinds.kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label[lang]}
                </option>
              ))}
            </SelectField>
            <SelectField label={t.filterStage} value={stage} onChange={(e) => setStage(e.target.value)} aria-controls={countId}>
              <option value={ALL}>{t.all}</option>
              {STAGE_ORDER.map((s) => (
                <option key={s} value={s}>
                  {stageTemplate(engine.rulebook, s).number}. {stageTemplate(engine.rulebook, s).title[lang]}
                </option>
              ))}
              <option value={NO_STAGE}>{t.noStage}</option>
            </SelectField>
          </fieldset>
          <Status quietOnMount id={countId}>
            {t.shown(shown, total)}
          </Status>
          {shown === 0 ? <p>{t.noneMatch}</p> : null}
        </>
      )}
      {cycles
        .filter((c) => c.shown.length > 0)
        .map((c) => (
          <section key={c.cycle} aria-labelledby={`evidence-cycle-${c.cycle}`}>
            <h3 id={`evidence-cycle-${c.cycle}`}>{t.cycle(c.cycle, c.cycle === ctx.cycle)}</h3>
            <ul className="evidence-items">
              {c.shown.map((e) => (
                <EvidenceItem
                  key={e.evidenceId}
                  processId={processId}
                  snapshot={snapshot}
                  evidence={e}
                  at={at}
                  linked={e.evidenceId === item}
                />
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}
