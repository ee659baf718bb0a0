/**
 * Audit bundles of many agencies for trying out and testing the regional overview:
 * writes COUNT (default 50) bundles of varied agencies, stages, cycles and ratings
 * (src/domain/demo/region-demo.ts), plus `zz-verfaelscht.json` (one of them with an event edited
 * after export) and `zz-formatversion-99.json` (a format version no verifier knows).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle, serializeBundle } from '../src/domain/bundle.ts';
import { nodeSha256Hex } from '../src/domain/crypto/node-sha256.ts';
import { buildAgencyProcess, regionSpecs } from '../src/domain/demo/region-demo.ts';
import { engine } from '../src/domain/process-engine.ts';

export async function makeRegionBundles(count: number, exportedAt = '2026-11-30T10:00:00.000Z'): Promise<Map<string, string>> {
  const eng = engine();
  const out = new Map<string, string>();
  for (const spec of regionSpecs(count)) {
    const { writer, ambassador } = await buildAgencyProcess(eng, nodeSha256Hex, spec);
    const bundle = await buildBundle({
      engine: eng,
      events: writer.log.events,
      snapshot: writer.log.snapshot,
      exporter: { personId: ambassador.personId, key: ambassador.key },
      exportedAt,
    });
    out.set(`${spec.processId}.json`, serializeBundle(bundle));
  }
  const [first] = out.values();
  if (first) {
    const forged = JSON.parse(first);
    forged.events[1].payload.name = 'Jemand anderes';
    out.set('zz-verfaelscht.json', JSON.stringify(forged));
    out.set('zz-formatversion-99.json', JSON.stringify({ ...JSON.parse(first), formatVersion: 99 }));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: npx tsx scripts/make-region-bundles.ts OUTDIR [COUNT]');
    process.exit(2);
  }
  await mkdir(dir, { recursive: true });
  const files = await makeRegionBundles(Number(count ?? 50));
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  console.log(`${files.size} files written to ${dir}`);
}
