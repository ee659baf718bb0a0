/**
 * How one standard developed across the agencies, cycle by cycle: the median as a line and the
 * range as a band, drawn as SVG by React (never markup strings), with the same figures as a table
 * beside it for those who do not read charts.
 */
import { useId, useState } from 'react';
import type { TrendPoint } from '../../domain/overview.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { SelectField } from '../ui/Field.tsx';
import { ScrollBox } from '../ui/ScrollBox.tsx';
import { regionMessages } from './messages.ts';

const W = 320;
const H = 160;
const PAD = 28;

export function TrendChart({ trend, standardIds }: { trend: Record<string, TrendPoint[]>; standardIds: readonly string[] }) {
  const t = useMessages(regionMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const id = useId();
  const title = (sid: string) => engine.rulebook.catalog.standards.find((s) => s.id === sid)?.title[lang] ?? sid;
  const [standard, setStandard] = useState(standardIds[0] ?? '');
  const points = trend[standard] ?? [];
  const cycles = Math.max(2, ...points.map((p) => p.cycle));
  const x = (cycle: number) => PAD + ((cycle - 1) / (cycles - 1)) * (W - 2 * PAD);
  const y = (level: number) => H - PAD - (level / 5) * (H - 2 * PAD);
  const band = [...points.map((p) => `${x(p.cycle)},${y(p.max)}`), ...[...points].reverse().map((p) => `${x(p.cycle)},${y(p.min)}`)].join(
    ' ',
  );
  const fmt = (n: number) => n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  return (
    <section className="card region-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.trendTitle}</h2>
      <p>{t.trendIntro}</p>
      <SelectField label={t.trendStandard} value={standard} onChange={(e) => setStandard(e.target.value)}>
        {standardIds.map((sid) => (
          <option key={sid} value={sid}>
            {title(sid)}
          </option>
        ))}
      </SelectField>
      <div className="trend">
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" className="trend-chart">
          {[0, 1, 2, 3, 4, 5].map((level) => (
            <g key={level}>
              <line x1={PAD} x2={W - PAD} y1={y(level)} y2={y(level)} className="trend-grid" />
              <text x={PAD - 8} y={y(level) + 4} textAnchor="end" className="trend-axis">
                {level}
              </text>
            </g>
          ))}
          {Array.from({ length: cycles }, (_, i) => i + 1).map((cycle) => (
            <text key={`cycle-${cycle}`} x={x(cycle)} y={H - 8} textAnchor="middle" className="trend-axis">
              {cycle}
            </text>
          ))}
          {points.length > 1 ? <polygon points={band} className="trend-band" /> : null}
          <polyline points={points.map((p) => `${x(p.cycle)},${y(p.median)}`).join(' ')} className="trend-line" />
          {points.map((p) => (
            <circle key={p.cycle} cx={x(p.cycle)} cy={y(p.median)} r={4} className="trend-point" />
          ))}
        </svg>
        <ScrollBox labelledBy={`${id}-caption`} className="region-scroll">
          <table>
            <caption id={`${id}-caption`}>{t.trendCaption(title(standard))}</caption>
            <thead>
              <tr>
                <th scope="col">{t.trendCycle}</th>
                <th scope="col">{t.trendAgencies}</th>
                <th scope="col">{t.trendMedian}</th>
                <th scope="col">{t.trendRange}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.cycle}>
                  <th scope="row">{p.cycle}</th>
                  <td>{p.agencies}</td>
                  <td>{fmt(p.median)}</td>
                  <td>
                    {p.min}–{p.max}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </section>
  );
}
