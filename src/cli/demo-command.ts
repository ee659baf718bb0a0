/**
 * `ankerpunkt demo --out FILE`: the demo process as an audit bundle. A name ending in `.zip`
 * gives the ZIP form with the demo's evidence files, written by the same code as the app's
 * export (writeAuditZip), so auditors and tests can make honest ZIPs without the app; any other
 * name gives the JSON form.
 */
import { writeFile } from 'node:fs/promises';
import { erasedDigests } from '../../machines/process/process.queries.ts';
import { buildBundle, serializeBundle } from '../domain/bundle.ts';
import { utf8 } from '../domain/crypto/encoding.ts';
import { nodeSha256Hex } from '../domain/crypto/node-sha256.ts';
import type { DemoWriter } from '../domain/demo/demo-writer.ts';
import { buildJobcenterDemo } from '../domain/demo/jobcenter-demo.ts';
import { type EvidenceLookup, writeAuditZip } from '../domain/export/audit-zip.ts';
import { nodeFileSink } from '../domain/export/node-file-sink.ts';
import { engine } from '../domain/process-engine.ts';
import type { Lang } from '../i18n/lang.ts';

export interface DemoIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The demo's evidence files as the app's storage would hand them out. */
function demoLookup(writer: DemoWriter): EvidenceLookup {
  return async (digest) => {
    const file = writer.files.get(digest);
    return file ? { size: file.bytes.length, mediaType: file.mediaType, open: () => [file.bytes] } : null;
  };
}

/** Writes the demo bundle to `out`; exit code 0, or 2 if the file cannot be written. */
export async function demoCommand(out: string, lang: Lang, io: DemoIo): Promise<number> {
  const de = lang === 'de';
  const eng = engine();
  const { writer, people } = await buildJobcenterDemo(eng, nodeSha256Hex);
  const exportedAt = new Date();
  const bundle = await buildBundle({
    engine: eng,
    events: writer.log.events,
    snapshot: writer.log.snapshot,
    exporter: { personId: people.ikbo.personId, key: people.ikbo.key },
    exportedAt: exportedAt.toISOString(),
  });
  const bundleBytes = utf8(serializeBundle(bundle));
  try {
    if (!/\.zip$/i.test(out)) {
      await writeFile(out, bundleBytes);
      io.out(
        de
          ? `Demo-Bundle geschrieben: ${out} (${bundle.events.length} Ereignisse)`
          : `demo bundle written: ${out} (${bundle.events.length} events)`,
      );
      return 0;
    }
    const { plan } = await writeAuditZip({
      bundle,
      bundleBytes,
      lookup: demoLookup(writer),
      erased: erasedDigests(writer.log.snapshot.context),
      sink: await nodeFileSink(out),
      options: { modified: exportedAt },
    });
    io.out(
      de
        ? `Demo-Bundle als ZIP geschrieben: ${out} (${bundle.events.length} Ereignisse, ${plan.included.length} Nachweisdateien)`
        : `demo bundle written as ZIP: ${out} (${bundle.events.length} events, ${plan.included.length} evidence files)`,
    );
    return 0;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.err(de ? `Datei kann nicht geschrieben werden: ${out} (${why})` : `cannot write file: ${out} (${why})`);
    return 2;
  }
}
