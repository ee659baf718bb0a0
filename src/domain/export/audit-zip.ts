/**
 * The audit bundle with its evidence as one ZIP, in a fixed layout that import and verification
 * rely on:
 *
 *   bundle.json          the audit bundle, exactly the bytes of the JSON export (first entry)
 *   evidence/<sha256>    each evidence file present on this device, named by its lower-case hex
 *                        SHA-256, no extension, each digest once
 *   LIESMICH.txt         German and English: what this is and how to check it
 *
 * Evidence whose file is not on this device (erased, or never copied here) is left out; the
 * bundle's evidence index lists it all the same, and LIESMICH.txt names what is missing.
 */
import type { AuditBundle } from '../bundle.ts';
import { utf8 } from '../crypto/encoding.ts';
import { type ByteSource, writeZip, type ZipEntrySource, type ZipSink, type ZipWriteOptions, type ZipWriteResult } from './zip-writer.ts';

export const ZIP_BUNDLE_ENTRY = 'bundle.json';
export const ZIP_EVIDENCE_FOLDER = 'evidence/';
export const ZIP_README_ENTRY = 'LIESMICH.txt';

/** An evidence file as storage offers it: its size, and a way to read it when its turn comes. */
export interface EvidenceFileHandle {
  size: number;
  mediaType: string;
  open: () => ByteSource | Promise<ByteSource>;
}

export type EvidenceLookup = (sha256: string) => Promise<EvidenceFileHandle | null | undefined>;

export interface AuditZipPlan {
  entries: ZipEntrySource[];
  /** Digests of the evidence files the archive carries, in archive order. */
  included: string[];
  /** Digests of evidence files the bundle lists but this device does not have. */
  missing: string[];
  /** Source bytes of all entries: what the progress bar counts towards. */
  totalBytes: number;
}

const IN_MEMORY_CHUNK = 1024 * 1024;

/** Bytes already in memory, handed out in slices so deflating them never blocks for long. */
function* slicesOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += IN_MEMORY_CHUNK) yield bytes.subarray(offset, offset + IN_MEMORY_CHUNK);
}

/** Media types that compress well; everything else (PDF, Office, images) is stored as it is. */
export function isCompressible(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    ['application/json', 'application/xml', 'image/svg+xml', 'application/rtf', 'application/x-yaml'].includes(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/** Each file digest of the evidence index once, in the order the index first names it. */
export function evidenceFileDigests(bundle: AuditBundle): string[] {
  return [...new Set(bundle.evidence.filter((e) => e.contentType === 'file').map((e) => e.sha256))];
}

export async function planAuditZip(args: {
  bundle: AuditBundle;
  /** The JSON export's bytes, written unchanged as bundle.json. */
  bundleBytes: Uint8Array;
  lookup: EvidenceLookup;
}): Promise<AuditZipPlan> {
  const { bundle, bundleBytes, lookup } = args;
  const included: string[] = [];
  const missing: string[] = [];
  const evidenceEntries: ZipEntrySource[] = [];
  for (const digest of evidenceFileDigests(bundle)) {
    const file = await lookup(digest);
    if (!file) {
      missing.push(digest);
      continue;
    }
    included.push(digest);
    evidenceEntries.push({
      name: `${ZIP_EVIDENCE_FOLDER}${digest}`,
      size: file.size,
      compress: isCompressible(file.mediaType),
      open: file.open,
    });
  }
  const readme = utf8(readmeText(bundle, included.length, missing));
  const entries: ZipEntrySource[] = [
    { name: ZIP_BUNDLE_ENTRY, size: bundleBytes.length, compress: true, open: () => slicesOf(bundleBytes) },
    ...evidenceEntries,
    { name: ZIP_README_ENTRY, size: readme.length, compress: true, open: () => [readme] },
  ];
  return { entries, included, missing, totalBytes: entries.reduce((sum, e) => sum + e.size, 0) };
}

/**
 * The whole ZIP export, as the app's export card and `ankerpunkt demo --out FILE.zip` both do it:
 * the plan (a content erased per the log stays out even where this device still holds the file,
 * for instance for another process), handed to `onPlan` before writing starts, then every entry
 * streamed to the sink.
 */
export async function writeAuditZip(args: {
  bundle: AuditBundle;
  bundleBytes: Uint8Array;
  lookup: EvidenceLookup;
  erased: ReadonlySet<string>;
  sink: ZipSink;
  options?: ZipWriteOptions;
  onPlan?: (plan: AuditZipPlan) => void;
}): Promise<{ plan: AuditZipPlan; result: ZipWriteResult }> {
  const { lookup, erased } = args;
  const plan = await planAuditZip({
    bundle: args.bundle,
    bundleBytes: args.bundleBytes,
    lookup: async (digest) => (erased.has(digest) ? null : lookup(digest)),
  }).catch(async (error: unknown) => {
    await args.sink.abort?.(error);
    throw error;
  });
  args.onPlan?.(plan);
  const result = await writeZip(plan.entries, args.sink, args.options);
  return { plan, result };
}

/** LIESMICH.txt: for whoever opens the archive without knowing Ankerpunkt. CRLF for Notepad. */
export function readmeText(bundle: AuditBundle, includedCount: number, missing: readonly string[]): string {
  const { head } = bundle;
  const agency = bundle.process.agency.name;
  const missingList = missing.map((digest) => `  ${digest}`);
  const lines = [
    `Ankerpunkt – Prüfpaket mit Nachweisdateien: ${agency}`,
    '',
    `Exportiert am ${head.exportedAt} (UTC), ${head.eventCount} Ereignisse, ${includedCount} Nachweisdateien.`,
    `Letzter Hash der Kette (Kopf): ${head.headHash}`,
    '',
    'Inhalt',
    '  bundle.json        Das Prüfpaket: alle Ereignisse des DIKÖ-Prozesses als Hash-Kette mit',
    '                     den Signaturen der Freigaben; der Kopf ist von der exportierenden Person signiert.',
    '  evidence/<sha256>  Die Nachweisdateien. Der Dateiname ist der SHA-256-Hash des Inhalts.',
    '  LIESMICH.txt       Diese Datei.',
    '',
    'So prüfen Sie das Paket',
    '  1. Entpacken Sie das ZIP.',
    '  2. Mit Node.js 20 oder neuer:  npx ankerpunkt verify bundle.json',
    '     Ergebnis „INTAKT“: kein Ereignis wurde verändert, entfernt oder umgestellt, alle Signaturen stimmen.',
    '     Ohne Ankerpunkt: docs/audit-bundle.md beschreibt genau, welche Bytes gehasht und signiert sind.',
    '  3. Jede Nachweisdatei: ihr SHA-256 muss ihrem Dateinamen gleichen und im Nachweisverzeichnis',
    '     von bundle.json (Abschnitt "evidence") stehen. Zum Beispiel:',
    '       Linux/macOS:  sha256sum evidence/*',
    '       Windows:      Get-FileHash -Algorithm SHA256 evidence\\*   (PowerShell)',
    '  Oder in Ankerpunkt: „Prüfen & Importieren“ liest das ZIP direkt und prüft beides.',
    ...(missing.length > 0
      ? [
          '',
          'Nicht enthalten (auf dem exportierenden Gerät nicht vorhanden oder gelöscht); das',
          'Nachweisverzeichnis in bundle.json nennt sie trotzdem:',
          ...missingList,
        ]
      : []),
    '',
    '----------------------------------------------------------------------------------------',
    '',
    `Ankerpunkt – audit bundle with evidence files: ${agency}`,
    '',
    `Exported at ${head.exportedAt} (UTC), ${head.eventCount} events, ${includedCount} evidence files.`,
    `Head hash of the chain: ${head.headHash}`,
    '',
    'Contents',
    '  bundle.json        The audit bundle: every event of the DIKÖ process as a hash chain with the',
    '                     sign-off signatures; its head is signed by the person who exported it.',
    '  evidence/<sha256>  The evidence files, each named by the SHA-256 of its content.',
    '  LIESMICH.txt       This file.',
    '',
    'How to check it',
    '  1. Unzip the archive.',
    '  2. With Node.js 20 or later:  npx ankerpunkt verify bundle.json',
    '     "INTACT" means no event was changed, removed or reordered and every signature holds.',
    '     Without Ankerpunkt: docs/audit-bundle.md says exactly which bytes are hashed and signed.',
    '  3. Each evidence file: its SHA-256 must equal its file name and appear in the evidence',
    '     index of bundle.json (member "evidence"), e.g. with sha256sum or Get-FileHash as above.',
    '  Or in Ankerpunkt: "Verify & import" reads the ZIP directly and checks both.',
    ...(missing.length > 0
      ? ['', 'Not included (not on the exporting device, or erased); the evidence index still lists them:', ...missingList]
      : []),
    '',
  ];
  return lines.join('\r\n');
}
