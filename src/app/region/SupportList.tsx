/** The agencies where support is needed, each with its reasons in words, most reasons first. */
import type { AgencyRow } from '../../domain/overview.ts';
import { supportText } from '../../i18n/overview.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { regionMessages } from './messages.ts';

export function SupportList({ rows }: { rows: readonly AgencyRow[] }) {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  return (
    <section className="card region-section" aria-labelledby="region-support-title">
      <h2 id="region-support-title">{t.supportTitle}</h2>
      <p>{t.supportIntro}</p>
      {rows.length === 0 ? (
        <p>{t.supportNone}</p>
      ) : (
        <ul className="support-list">
          {rows.map((r) => (
            <li key={r.processId}>
              <strong>{r.name}</strong>
              <ul>
                {r.support.map((need) => (
                  <li key={JSON.stringify(need)}>{supportText(need, engine.rulebook, lang)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
