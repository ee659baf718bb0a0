/**
 * The rulebook: everything the process machine reads from data. It is assembled from the JSON
 * files beside this one, parsed with their schemas and checked for cross-references, so a typo
 * in a content file fails loudly at start-up and in the tests, never halfway through a process.
 */
import catalogJson from './catalog.json' with { type: 'json' };
import { crossReferenceProblems } from './cross-references.ts';
import evidenceKindsJson from './evidence-kinds.json' with { type: 'json' };
import measureTemplatesJson from './measure-templates.json' with { type: 'json' };
import processTemplateJson from './process-template.json' with { type: 'json' };
import { CatalogFile, EvidenceKindsFile, MeasureTemplatesFile, ProcessTemplateFile, type StageId, type StageTemplate } from './schema.ts';

export interface Rulebook {
  template: ProcessTemplateFile;
  catalog: CatalogFile;
  evidenceKinds: EvidenceKindsFile;
  measureTemplates: MeasureTemplatesFile;
}

export class RulebookError extends Error {
  constructor(readonly problems: string[]) {
    super(`The standards data is inconsistent:\n- ${problems.join('\n- ')}`);
    this.name = 'RulebookError';
  }
}

/** Parses raw content files into a rulebook, or throws with every problem found. */
export function parseRulebook(raw: { template: unknown; catalog: unknown; evidenceKinds: unknown; measureTemplates: unknown }): Rulebook {
  const rulebook: Rulebook = {
    template: ProcessTemplateFile.parse(raw.template),
    catalog: CatalogFile.parse(raw.catalog),
    evidenceKinds: EvidenceKindsFile.parse(raw.evidenceKinds),
    measureTemplates: MeasureTemplatesFile.parse(raw.measureTemplates),
  };
  const problems = crossReferenceProblems(rulebook);
  if (problems.length > 0) throw new RulebookError(problems);
  return rulebook;
}

export const rawRulebook = {
  template: processTemplateJson,
  catalog: catalogJson,
  evidenceKinds: evidenceKindsJson,
  measureTemplates: measureTemplatesJson,
} as const;

/** The rulebook this build ships with. */
export const defaultRulebook: Rulebook = parseRulebook(rawRulebook);

export function stageTemplate(rulebook: Rulebook, stage: StageId): StageTemplate {
  const found = rulebook.template.stages.find((s) => s.id === stage);
  // The cross-reference check guarantees every stage id has exactly one template.
  if (!found) throw new Error(`no template for stage ${stage}`);
  return found;
}
