/**
 * How tall a timeline entry will be before it is rendered. The virtualised list places the
 * entries it has not measured yet by this guess; a guess that is too small for the last entries
 * lets the end move away after one End key press, once they are measured. Entries differ by
 * how many lines their paragraphs wrap to, so the guess counts lines from the text lengths,
 * with the line height, the padding and the characters per line measured on the first
 * rendered entry (so it fits every screen width and font size).
 */

export interface EntryMetrics {
  /** The height of one line of text, in px. */
  lineHeight: number;
  /** Everything around the lines: padding, border and paragraph margins, in px. */
  chrome: number;
  /** How many characters fit on one line, on average. */
  charsPerLine: number;
}

/** Lines that break at word boundaries hold a little less than their full width. */
const WRAP_LOSS = 0.92;

/** The estimated height of an entry whose paragraphs hold this many characters each. */
export function estimateEntryHeight(paragraphChars: readonly number[], metrics: EntryMetrics): number {
  const perLine = Math.max(1, metrics.charsPerLine * WRAP_LOSS);
  const lines = paragraphChars.reduce((n, chars) => n + Math.max(1, Math.ceil(chars / perLine)), 0);
  return metrics.chrome + metrics.lineHeight * lines;
}

/**
 * The metrics from one rendered entry: its first paragraph is one line long (type, time and
 * number); the average character width comes from the entry's own text in its own font.
 */
export function measureEntry(entry: HTMLElement): EntryMetrics | null {
  const paragraphs = [...entry.querySelectorAll<HTMLElement>(':scope > p')];
  const first = paragraphs[0];
  const sentence = entry.querySelector<HTMLElement>('.timeline-what') ?? first;
  if (!first || !sentence) return null;
  const style = getComputedStyle(sentence);
  // The line height as styled; if it is "normal", the one-line first paragraph shows it.
  const lineHeight = Number.parseFloat(style.lineHeight) || first.getBoundingClientRect().height;
  const inner = paragraphs.reduce((n, p) => n + p.getBoundingClientRect().height, 0);
  const chrome = entry.getBoundingClientRect().height - inner;
  const text = paragraphs.map((p) => p.textContent ?? '').join(' ');
  const charWidth = averageCharWidth(text, style.font);
  if (!(lineHeight > 0) || !(charWidth > 0) || !(chrome >= 0)) return null;
  return { lineHeight, chrome, charsPerLine: sentence.clientWidth / charWidth };
}

let canvas: HTMLCanvasElement | null = null;

function averageCharWidth(text: string, font: string): number {
  if (text.length === 0) return 0;
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return 0;
  context.font = font;
  return context.measureText(text).width / text.length;
}
