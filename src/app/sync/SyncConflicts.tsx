/**
 * The events of this device that a rebase could not place on the shared log, with the engine's
 * reasons in words. Kept until the person says they are dealt with (recorded anew or let go):
 * a conflict is never dropped silently. A decision whose basis changed says it must be made again.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { syncConflicts } from '../../db/reads.ts';
import { eventTypeLabel } from '../../i18n/timeline.ts';
import { useBaseServices, useSend } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { ReasonList } from '../ui/Reasons.tsx';
import { syncMessages } from './messages.ts';

export function SyncConflicts({ processId }: { processId: string }) {
  const t = useMessages(syncMessages);
  const { lang } = useLang();
  const { db } = useBaseServices();
  const send = useSend();
  const conflicts = useLiveQuery(() => syncConflicts(db, processId), [db, processId]) ?? [];
  if (conflicts.length === 0) return null;
  return (
    <section className="notice notice-error sync-conflicts" aria-labelledby="sync-conflicts-title">
      <h2 id="sync-conflicts-title">{t.conflictsTitle(conflicts.length)}</h2>
      <p>{t.conflictsIntro}</p>
      <ul>
        {conflicts.map((conflict) => {
          const decision = conflict.event.type === 'SignOffGranted' || conflict.event.type === 'SignOffRefused';
          return (
            <li key={conflict.event.id}>
              <p>
                <strong>{eventTypeLabel(conflict.event.type, lang)}</strong>, {formatDateTime(conflict.event.at, lang)}
              </p>
              {decision ? <p>{t.decisionBasis}</p> : null}
              <ReasonList reasons={conflict.reasons} />
              <button type="button" onClick={() => send('dismissConflict', { processId, eventId: conflict.event.id })}>
                {t.dismiss}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
