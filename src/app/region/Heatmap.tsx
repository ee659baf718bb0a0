/** Agencies × standards, the latest level of each in its cell: the number always, colour as an aid. */
import type { AgencyRow } from '../../domain/overview.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { ScrollBox } from '../ui/ScrollBox.tsx';
import { regionMessages } from './messages.ts';

export function Heatmap({ rows, standardIds }: { rows: readonly AgencyRow[]; standardIds: readonly string[] }) {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const title = (id: string) => engine.rulebook.catalog.standards.find((s) => s.id === id)?.title[lang] ?? id;
  return (
    <section className="card region-section" aria-labelledby="region-heatmap-title">
      <h2 id="region-heatmap-title">{t.heatmapTitle}</h2>
      <p>{t.heatmapIntro}</p>
      <ScrollBox labelledBy="region-heatmap-title" className="region-scroll">
        <table className="heatmap">
          <caption className="visually-hidden">{t.heatmapCaption}</caption>
          <thead>
            <tr>
              <td />
              {standardIds.map((id) => (
                <th scope="col" key={id}>
                  <span className="heatmap-label">{title(id)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.processId}>
                <th scope="row">{r.name}</th>
                {standardIds.map((id) => {
                  const level = r.maturity[id] ?? null;
                  return (
                    <td key={id} className={`level level-${level ?? 'none'}`}>
                      {level ?? '–'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
