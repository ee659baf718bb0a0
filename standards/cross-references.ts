/**
 * Checks that go beyond one file's schema: every id a file names exists in the file that
 * defines it, and the stage graph the template describes is connected.
 */
import type { Rulebook } from './rulebook.ts';
import { type Condition, STAGE_ORDER, type StageId } from './schema.ts';

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

function conditionReferences(condition: Condition): { kinds: string[]; tags: string[] } {
  switch (condition.type) {
    case 'evidenceKind':
      return { kinds: [condition.kind], tags: [] };
    case 'measureTag':
      return { kinds: [], tags: [condition.tag] };
    case 'allOf': {
      const parts = condition.conditions.map(conditionReferences);
      return { kinds: parts.flatMap((p) => p.kinds), tags: parts.flatMap((p) => p.tags) };
    }
    default:
      return { kinds: [], tags: [] };
  }
}

/** The stages reachable from the first one, following "next stage" and the renewal loop. */
export function reachableStages(rulebook: Rulebook): Set<StageId> {
  const stages = rulebook.template.stages;
  const next = new Map<StageId, StageId[]>();
  stages.forEach((stage, i) => {
    const following = stages[i + 1];
    next.set(stage.id, following ? [following.id] : [...rulebook.template.renewalTargets]);
  });
  const first = stages[0];
  const reached = new Set<StageId>();
  const queue: StageId[] = first ? [first.id] : [];
  for (let stage = queue.shift(); stage; stage = queue.shift()) {
    if (reached.has(stage)) continue;
    reached.add(stage);
    queue.push(...(next.get(stage) ?? []));
  }
  return reached;
}

export function crossReferenceProblems(rulebook: Rulebook): string[] {
  const { template, catalog, evidenceKinds, measureTemplates } = rulebook;
  const problems: string[] = [];
  const kindIds = new Set(evidenceKinds.kinds.map((k) => k.id));
  const tags = new Set(measureTemplates.templates.flatMap((t) => t.tags));
  const requireKind = (kind: string, where: string) => {
    if (!kindIds.has(kind)) problems.push(`${where} names unknown evidence kind "${kind}"`);
  };

  for (const id of duplicates(evidenceKinds.kinds.map((k) => k.id))) problems.push(`evidence kind "${id}" is defined twice`);
  for (const id of duplicates(catalog.standards.map((s) => s.id))) problems.push(`standard "${id}" is defined twice`);
  for (const id of duplicates(measureTemplates.templates.map((t) => t.id))) problems.push(`measure template "${id}" is defined twice`);

  catalog.standards.forEach((standard, i) => {
    if (standard.number !== i + 1) problems.push(`standard "${standard.id}" has number ${standard.number}, expected ${i + 1}`);
    for (const kind of standard.evidenceKinds) requireKind(kind, `standard "${standard.id}"`);
  });
  for (const measure of measureTemplates.templates) {
    for (const kind of measure.evidenceKinds) requireKind(kind, `measure template "${measure.id}"`);
  }

  template.stages.forEach((stage, i) => {
    if (stage.id !== STAGE_ORDER[i]) problems.push(`stage ${i + 1} is "${stage.id}", expected "${STAGE_ORDER[i]}"`);
    if (stage.number !== i + 1) problems.push(`stage "${stage.id}" has number ${stage.number}, expected ${i + 1}`);
    const where = `stage "${stage.id}"`;
    for (const kind of stage.typicalEvidence) requireKind(kind, where);
    for (const criterion of stage.exitCriteria) {
      if (criterion.type === 'evidence') for (const kind of criterion.kinds) requireKind(kind, `${where}, criterion "${criterion.id}"`);
    }
    if (!stage.exitCriteria.some((c) => c.type === 'signOff')) problems.push(`${where} has no sign-off criterion for its milestone`);
    for (const rule of stage.milestone.signOffs) {
      const refs = conditionReferences(rule.when);
      for (const kind of refs.kinds) requireKind(kind, `${where}, sign-off by ${rule.role}`);
      for (const tag of refs.tags) {
        if (!tags.has(tag)) problems.push(`${where}, sign-off by ${rule.role} names tag "${tag}" that no measure template has`);
      }
      if (!template.permissions.SignOffGranted?.includes(rule.role)) {
        problems.push(`${where} needs a sign-off by ${rule.role}, but that role may not grant sign-offs`);
      }
    }
  });
  for (const id of duplicates(template.stages.flatMap((s) => s.exitCriteria.map((c) => c.id)))) {
    problems.push(`exit criterion "${id}" is defined twice`);
  }

  for (const target of template.renewalTargets) {
    const stage = template.stages.find((s) => s.id === target);
    if (!stage?.cyclic) problems.push(`renewal target "${target}" is not a stage of the yearly cycle`);
  }
  const reached = reachableStages(rulebook);
  for (const stage of template.stages) {
    if (!reached.has(stage.id)) problems.push(`stage "${stage.id}" cannot be reached`);
  }
  const lastCyclicStart = template.stages.findIndex((s) => s.cyclic);
  if (lastCyclicStart >= 0 && template.stages.slice(lastCyclicStart).some((s) => !s.cyclic)) {
    problems.push('the yearly cycle must be the last stages without a gap');
  }
  return problems;
}
