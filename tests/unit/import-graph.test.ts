/**
 * The import graph keeps its shape: no arrow runs back up a layer, screens reach storage only
 * through the command and read surfaces (never a Dexie table), and a process's context only
 * through its queries. The second block feeds the checker deliberate violations, so a rule that
 * silently stopped matching would fail here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, importViolations, type SourceFile, tableNames } from '../support/import-rules.ts';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): SourceFile[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|mts)$/.test(name))
    .map((name) => {
      const path = relative(ROOT, join(ROOT, dir, name))
        .split('\\')
        .join('/');
      return { path, source: readFileSync(join(ROOT, path), 'utf8') };
    });
}

const tree = [...sources('src'), ...sources('machines'), ...sources('standards')];

describe('the import graph of the code base', () => {
  it('reads every source file and the tables of the database', () => {
    expect(tree.length).toBeGreaterThan(200);
    const database = tree.find((f) => f.path === 'src/db/database.ts');
    expect(tableNames(database?.source ?? '')).toEqual([
      'processes',
      'events',
      'heads',
      'snapshots',
      'snapshotParts',
      'files',
      'identities',
      'settings',
    ]);
  });

  it('has no arrow back up a layer, from screens to a table, or from screens into the machine', () => {
    expect(importViolations(tree)).toEqual([]);
  });

  it('sends every write of the screens through one entry point', () => {
    const senders = tree.filter((f) => importsOf(f).some((e) => e.target === 'src/db/commands.ts' && !e.typeOnly)).map((f) => f.path);
    expect(senders).toEqual(['src/app/data.tsx']);
  });
});

describe('the import checker', () => {
  const database = { path: 'src/db/database.ts', source: "this.version(1).stores({ processes: 'processId', events: '[processId+seq]' });" };
  const rules = (file: SourceFile) => importViolations([database, file]).map((v) => v.rule);

  it('refuses a screen that reads a table', () => {
    const file = { path: 'src/app/x/Bad.tsx', source: 'export const n = () => db.events.count();\n' };
    expect(rules(file)).toEqual(['src/app → Dexie table']);
  });

  it('refuses a screen that takes values from a storage module other than the surfaces', () => {
    const file = { path: 'src/app/x/Bad.tsx', source: "import { appendCommand } from '../../db/process-store.ts';\n" };
    expect(rules(file)).toEqual(['src/app → src/db']);
  });

  it('lets a screen import storage types, and values from the read surface', () => {
    const file = {
      path: 'src/app/x/Good.tsx',
      source: "import type { AppendOutcome } from '../../db/process-store.ts';\nimport { processList } from '../../db/reads.ts';\n",
    };
    expect(rules(file)).toEqual([]);
  });

  it('refuses a screen that imports Dexie or loads a storage module lazily', () => {
    const file = { path: 'src/app/x/Bad.tsx', source: "import Dexie from 'dexie';\nconst m = () => import('../../db/backup.ts');\n" };
    expect(rules(file)).toEqual(['src/app → dexie', 'src/app → src/db']);
  });

  it('refuses a screen that reaches into the machine context instead of its queries', () => {
    const file = {
      path: 'src/app/x/Bad.tsx',
      source: "import {\n  findEvidence,\n} from '../../../machines/process/process.collections.ts';\n",
    };
    expect(rules(file)).toEqual(['src/app → machines']);
  });

  it('refuses the domain importing the CLI, and the machines importing the domain', () => {
    expect(rules({ path: 'src/domain/import/messages.ts', source: "import { verdictLine } from '../../cli/verdict-text.ts';\n" })).toEqual([
      'src/domain → src/cli',
    ]);
    expect(rules({ path: 'machines/process/x.ts', source: "import type { LoggedEvent } from '../../src/domain/chain.ts';\n" })).toEqual([
      'machines → src/domain',
    ]);
  });
});
