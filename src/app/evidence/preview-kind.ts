/**
 * Which stored files may be shown inside the app. Every uploaded or imported file is treated as
 * hostile: a file is shown only when its first bytes (magic numbers) AND its declared media type
 * both say it is one of a few formats the browser renders without running anything (raster
 * images; PDF in an empty sandbox). SVG, HTML, XML and everything else is offered for download
 * only, re-typed as application/octet-stream so the browser never interprets it. The file name
 * is never consulted.
 */

export type PreviewKind =
  | { show: 'image'; mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' }
  | { show: 'pdf'; mediaType: 'application/pdf' }
  | { show: 'none' };

/** How many leading bytes `previewKindOf` needs. */
export const SNIFF_BYTES = 16;

type Shown = Exclude<PreviewKind, { show: 'none' }>;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** Byte patterns at an offset; `null` matches any byte. */
const SIGNATURES: { kind: Shown; parts: { at: number; bytes: (number | null)[] }[] }[] = [
  { kind: { show: 'image', mediaType: 'image/png' }, parts: [{ at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }] },
  { kind: { show: 'image', mediaType: 'image/jpeg' }, parts: [{ at: 0, bytes: [0xff, 0xd8, 0xff] }] },
  { kind: { show: 'image', mediaType: 'image/gif' }, parts: [{ at: 0, bytes: ascii('GIF87a') }] },
  { kind: { show: 'image', mediaType: 'image/gif' }, parts: [{ at: 0, bytes: ascii('GIF89a') }] },
  {
    kind: { show: 'image', mediaType: 'image/webp' },
    parts: [
      { at: 0, bytes: ascii('RIFF') },
      { at: 8, bytes: ascii('WEBP') },
    ],
  },
  { kind: { show: 'pdf', mediaType: 'application/pdf' }, parts: [{ at: 0, bytes: ascii('%PDF-') }] },
];

function matches(head: Uint8Array, part: { at: number; bytes: (number | null)[] }): boolean {
  return part.bytes.every((b, i) => b === null || head[part.at + i] === b);
}

/** The media type as declared, lower-case and without parameters ("image/PNG; x=y" → "image/png"). */
export function essenceOf(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Decides from the first bytes and the declared type together; either alone is not enough. */
export function previewKindOf(head: Uint8Array, declaredType: string): PreviewKind {
  const sniffed = SIGNATURES.find((s) => s.parts.every((p) => matches(head, p)))?.kind;
  if (!sniffed) return { show: 'none' };
  const declared = essenceOf(declaredType);
  const agrees = declared === sniffed.mediaType || (sniffed.mediaType === 'image/jpeg' && declared === 'image/pjpeg');
  return agrees ? sniffed : { show: 'none' };
}

/**
 * A file name fit for the `download` attribute: no path separators, control characters or
 * leading dots, so a hostile name cannot point anywhere but the downloads folder.
 */
export function safeDownloadName(name: string): string {
  const cleaned = Array.from(name, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '/\\:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'nachweis';
}
