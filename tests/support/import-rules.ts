/**
 * The import rules of the code base, checked over the import graph (static and dynamic imports
 * alike) and the source text: the layers point one way, screens reach storage only through the
 * command and read surfaces, and a process's context only through its queries. Kept as plain
 * functions over (path, source) pairs so a test can feed it a deliberate violation.
 */
import { posix } from 'node:path';

export interface SourceFile {
  /** Repository-relative, with forward slashes: "src/app/data.tsx". */
  path: string;
  source: string;
}

export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

interface ImportEdge {
  target: string;
  typeOnly: boolean;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one file, resolved to repository paths where relative; bare packages as they are. */
export function importsOf(file: SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const resolve = (spec: string) => (spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file.path), spec)) : spec);
  for (const m of file.source.matchAll(IMPORT)) {
    const spec = m[3] as string;
    edges.push({ target: resolve(spec), typeOnly: m[2] !== undefined });
  }
  for (const m of file.source.matchAll(DYNAMIC_IMPORT)) edges.push({ target: resolve(m[1] as string), typeOnly: false });
  return edges;
}

/** The Dexie tables the database declares, read from its schema so a new table is covered at once. */
export function tableNames(databaseSource: string): string[] {
  const stores = databaseSource.match(/\.stores\(\{([^}]*)\}\)/);
  if (!stores?.[1]) throw new Error('no .stores({...}) in src/db/database.ts');
  return [...stores[1].matchAll(/(\w+)\s*:/g)].map((m) => m[1] as string);
}

/** Modules of src/db that screens may take values from; type imports from any db module are shapes only. */
const APP_DB_SURFACE = new Set([
  'src/db/commands.ts',
  'src/db/reads.ts',
  'src/db/process-reads.ts',
  'src/db/region-reads.ts',
  'src/db/sync-reads.ts',
]);

/** What screens may take values from in machines/: a process's queries, and the sync machine the app runs. */
const APP_MACHINE_SURFACE = new Set(['machines/process/process.queries.ts', 'machines/sync/sync.machine.ts']);

function layerOf(path: string): string {
  const [top, second] = path.split('/');
  return top === 'src' ? `src/${second}` : (top as string);
}

/** Which layers each layer may not import from, with the reason shown on a violation. */
const FORBIDDEN: Record<string, { layers: string[]; why: string; typesAllowed?: boolean }> = {
  machines: {
    layers: ['src/app', 'src/db', 'src/domain', 'src/cli', 'src/i18n', 'src/server'],
    why: 'the machines are pure and know no layer above them',
  },
  standards: {
    layers: ['src/app', 'src/db', 'src/domain', 'src/cli', 'src/i18n', 'src/server', 'machines'],
    why: 'the standards are data',
  },
  'src/domain': {
    layers: ['src/app', 'src/db', 'src/cli', 'src/server'],
    why: 'the domain runs in the browser, the CLI and the server alike',
  },
  'src/db': { layers: ['src/app', 'src/cli', 'src/server'], why: 'storage serves the screens, not the other way round' },
  // Texts name the shapes they render (a storage problem's codes), but run nothing of the layers.
  'src/i18n': {
    layers: ['src/app', 'src/db', 'src/cli', 'src/server'],
    why: 'texts render data; they do not reach for it',
    typesAllowed: true,
  },
  'src/cli': { layers: ['src/app', 'src/db'], why: 'the CLI runs without a browser' },
};

export function importViolations(files: readonly SourceFile[]): Violation[] {
  const database = files.find((f) => f.path === 'src/db/database.ts');
  const tables = database ? tableNames(database.source) : [];
  const tableAccess = new RegExp(`\\bdb\\s*\\.\\s*(${[...tables, 'transaction', 'table'].join('|')})\\b`);
  const out: Violation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    const forbidden = FORBIDDEN[layer];
    for (const edge of importsOf(file)) {
      const target = layerOf(edge.target);
      if (forbidden?.layers.includes(target) && !(edge.typeOnly && forbidden.typesAllowed)) {
        out.push({ file: file.path, rule: `${layer} → ${target}`, detail: `imports ${edge.target}: ${forbidden.why}` });
      }
      if (layer !== 'src/app') continue;
      if (edge.target === 'dexie') out.push({ file: file.path, rule: 'src/app → dexie', detail: 'screens read through src/db/reads.ts' });
      if (!edge.typeOnly && target === 'src/db' && !APP_DB_SURFACE.has(edge.target)) {
        out.push({
          file: file.path,
          rule: 'src/app → src/db',
          detail: `takes values from ${edge.target}: writes go through send(), reads through src/db/reads.ts`,
        });
      }
      if (!edge.typeOnly && target === 'machines' && !APP_MACHINE_SURFACE.has(edge.target)) {
        out.push({
          file: file.path,
          rule: 'src/app → machines',
          detail: `takes values from ${edge.target}: ask machines/process/process.queries.ts`,
        });
      }
    }
    if (layer === 'src/app') {
      const access = file.source.match(tableAccess);
      if (access) out.push({ file: file.path, rule: 'src/app → Dexie table', detail: `uses ${access[0]}` });
    }
  }
  return out;
}

/** How many imports of each kind run from src/app into `layer`: the figure the closing note reports. */
export function importCount(files: readonly SourceFile[], from: string, to: string): { values: number; types: number } {
  let values = 0;
  let types = 0;
  for (const file of files) {
    if (layerOf(file.path) !== from) continue;
    for (const edge of importsOf(file)) {
      if (layerOf(edge.target) !== to) continue;
      if (edge.typeOnly) types++;
      else values++;
    }
  }
  return { values, types };
}
