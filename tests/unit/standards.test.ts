import { describe, expect, it } from 'vitest';
import { reachableStages } from '../../standards/cross-references.ts';
import { defaultRulebook, parseRulebook, RulebookError, rawRulebook } from '../../standards/rulebook.ts';
import { STAGE_ORDER } from '../../standards/schema.ts';

const clone = <T>(value: T): T => structuredClone(value) as T;

describe('standards data', () => {
  it('parses every content file with its schema and carries a version', () => {
    expect(defaultRulebook.catalog.version).toMatch(/^\d{4}\.\d+$/);
    expect(defaultRulebook.template.version).toMatch(/^\d{4}\.\d+$/);
    expect(defaultRulebook.evidenceKinds.version).toMatch(/^\d{4}\.\d+$/);
    expect(defaultRulebook.measureTemplates.version).toMatch(/^\d{4}\.\d+$/);
  });

  it('holds the twelve standards, each with indicators, evidence kinds and six maturity levels in German and English', () => {
    const { standards } = defaultRulebook.catalog;
    expect(standards.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const standard of standards) {
      expect(standard.maturity).toHaveLength(6);
      expect(standard.indicators.length).toBeGreaterThan(0);
      expect(standard.title.de).not.toBe(standard.title.en);
    }
  });

  it('describes the eight stages in order, the last five of them yearly', () => {
    const stages = defaultRulebook.template.stages;
    expect(stages.map((s) => s.id)).toEqual(STAGE_ORDER);
    expect(stages.filter((s) => s.cyclic).map((s) => s.id)).toEqual(['plan', 'implementation', 'anchoring', 'review', 'renewal']);
  });

  it('reaches every stage from the mandate, including the yearly loop', () => {
    expect([...reachableStages(defaultRulebook)].sort()).toEqual([...STAGE_ORDER].sort());
  });

  it('expresses the job-centre difference as data: the supervisory board signs only where the agency type is JC', () => {
    const rules = defaultRulebook.template.stages.flatMap((s) => s.milestone.signOffs.filter((r) => r.role === 'supervisoryBoard'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(JSON.stringify(rule.when)).toContain('"agencyType":"JC"');
  });
});

describe('cross-reference check', () => {
  it('names an evidence kind that does not exist', () => {
    const raw = clone(rawRulebook) as { catalog: { standards: { evidenceKinds: string[] }[] } } & typeof rawRulebook;
    raw.catalog.standards[0]?.evidenceKinds.push('fax-bestaetigung');
    expect(() => parseRulebook(raw)).toThrow(/unknown evidence kind "fax-bestaetigung"/);
  });

  it('refuses a yearly loop that jumps back out of the cycle', () => {
    const raw = clone(rawRulebook) as typeof rawRulebook & { template: { renewalTargets: string[] } };
    raw.template.renewalTargets = ['setup'];
    const error = (() => {
      try {
        parseRulebook(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RulebookError);
    expect((error as RulebookError).problems.join('\n')).toMatch(/renewal target "setup" is not a stage of the yearly cycle/);
  });

  it('names a sign-off condition that refers to a tag no measure template carries', () => {
    const raw = clone(rawRulebook) as typeof rawRulebook & { template: { stages: { milestone: { signOffs: { when: unknown }[] } }[] } };
    const rule = raw.template.stages[2]?.milestone.signOffs[1];
    if (rule) rule.when = { type: 'measureTag', tag: 'no-such-tag' };
    expect(() => parseRulebook(raw)).toThrow(/tag "no-such-tag"/);
  });

  it('rejects a schema error with the path of the offending field', () => {
    const raw = clone(rawRulebook) as typeof rawRulebook & { catalog: { standards: { maturity: unknown[] }[] } };
    raw.catalog.standards[3]?.maturity.pop();
    expect(() => parseRulebook(raw)).toThrow(/standards/);
  });
});
