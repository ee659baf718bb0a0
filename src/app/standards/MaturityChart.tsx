/**
 * Small multiples: one little bar chart per standard, one bar per cycle. Cycles are told apart
 * by a fill pattern and by the label under each bar, never by colour alone; every bar carries
 * its level as a number. Each chart is an image whose label lists the values, so the chart is
 * readable without sight too (the table beside it is the fuller alternative).
 */
import { useId } from 'react';
import { useLang, useMessages } from '../i18n.tsx';
import { standardsMessages } from './messages.ts';
import type { HistoryRow } from './standard-view.ts';

const MAX_LEVEL = 5;
const STEP = 15; // height of one level
const BASE = 16 + MAX_LEVEL * STEP; // y of level 0
const LEFT = 22;
const SLOT = 34;
const BAR = 22;
const PATTERN_COUNT = 4;
const LEVELS = [0, 1, 2, 3, 4, 5] as const;

/** One fill per cycle, repeating after four: solid, hatched, dotted, cross-hatched. */
function CyclePatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-p0`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-solid" />
      </pattern>
      <pattern id={`${prefix}-p1`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="fill-paper" />
        <line x1="0" y1="0" x2="0" y2="6" className="stroke-ink" strokeWidth="3" />
      </pattern>
      <pattern id={`${prefix}-p2`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" className="fill-paper" />
        <circle cx="2.5" cy="2.5" r="1.4" className="fill-solid" />
      </pattern>
      <pattern id={`${prefix}-p3`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-paper" />
        <path d="M0 0L6 6M6 0L0 6" className="stroke-ink" strokeWidth="1.2" />
      </pattern>
    </defs>
  );
}

function patternOf(prefix: string, cycle: number): string {
  return `url(#${prefix}-p${(cycle - 1) % PATTERN_COUNT})`;
}

function Multiple({ row, prefix }: { row: HistoryRow; prefix: string }) {
  const t = useMessages(standardsMessages);
  const { lang } = useLang();
  const width = LEFT + row.cycles.length * SLOT + 4;
  const height = BASE + 18;
  const label = row.cycles.map(({ cycle, level }) => t.chartValue(cycle, level)).join(', ');
  return (
    <li className="maturity-multiple">
      <p className="multiple-title">
        {row.standard.number}. {row.standard.title[lang]}
      </p>
      <svg role="img" aria-label={t.chartLabel(row.standard.title[lang], label)} viewBox={`0 0 ${width} ${height}`} width={width * 1.4}>
        <CyclePatterns prefix={prefix} />
        {LEVELS.map((level) => (
          <g key={level}>
            <line x1={LEFT - 3} x2={width} y1={BASE - level * STEP} y2={BASE - level * STEP} className="grid-line" />
            <text x={LEFT - 6} y={BASE - level * STEP + 3.5} textAnchor="end" className="axis-label">
              {level}
            </text>
          </g>
        ))}
        {row.cycles.map(({ cycle, level }) => {
          const i = cycle - 1;
          const x = LEFT + i * SLOT + (SLOT - BAR) / 2;
          const barHeight = level === null ? 0 : Math.max(level * STEP, 2);
          return (
            <g key={cycle}>
              {level === null ? (
                <rect x={x} y={BASE - 2} width={BAR} height={2} className="bar-unrated" />
              ) : (
                <rect x={x} y={BASE - barHeight} width={BAR} height={barHeight} fill={patternOf(prefix, cycle)} className="bar" />
              )}
              <text x={x + BAR / 2} y={BASE - barHeight - 4} textAnchor="middle" className="bar-value">
                {level === null ? t.notRatedMark : level}
              </text>
              <text x={x + BAR / 2} y={BASE + 13} textAnchor="middle" className="axis-label">
                {t.cycleShort(cycle)}
              </text>
            </g>
          );
        })}
      </svg>
    </li>
  );
}

export function MaturityChart({ rows, cycles }: { rows: readonly HistoryRow[]; cycles: number }) {
  const t = useMessages(standardsMessages);
  // useId may contain characters that are awkward inside url(#…); keep letters and digits.
  const prefix = `mc${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  return (
    <figure className="maturity-chart">
      <figcaption>{t.chartCaption}</figcaption>
      <div className="chart-legend">
        <span>{t.legend}:</span>
        <ul>
          {Array.from({ length: cycles }, (_, i) => i + 1).map((cycle) => (
            <li key={cycle}>
              <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
                <CyclePatterns prefix={`${prefix}-legend${cycle}`} />
                <rect x="0.5" y="0.5" width="17" height="13" fill={patternOf(`${prefix}-legend${cycle}`, cycle)} className="bar" />
              </svg>{' '}
              {t.cycleShort(cycle)} = {t.cycle(cycle)}
            </li>
          ))}
          <li>
            {t.notRatedMark} = {t.notRatedLong}
          </li>
        </ul>
      </div>
      <ul className="maturity-multiples">
        {rows.map((row) => (
          <Multiple key={row.standard.id} row={row} prefix={`${prefix}-${row.standard.number}`} />
        ))}
      </ul>
    </figure>
  );
}
