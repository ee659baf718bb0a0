import { describe, expect, it } from 'vitest';
import { readOperatorFile } from '../../src/app/accessibility/operator.ts';
import {
  type Block,
  feedbackMailto,
  type OperatorInput,
  REQUIRED_SECTIONS,
  SCHLICHTUNGSSTELLE,
  statementSections,
} from '../../src/app/accessibility/statement.ts';
import { LANGS } from '../../src/i18n/lang.ts';

const operator: OperatorInput = {
  status: 'ready',
  operator: { organisation: 'Agentur für Arbeit Reutlingen', email: 'reutlingen.bf@example.org', phone: '07121 309-0' },
};

const textOf = (blocks: readonly Block[]): string =>
  blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? b.text
        : b.kind === 'list'
          ? b.items.join('\n')
          : b.kind === 'lines'
            ? b.lines.join('\n')
            : `${b.before}${b.text} <${b.href}>`,
    )
    .join('\n');

describe('the accessibility statement (BITV 2.0 § 12b)', () => {
  for (const lang of LANGS) {
    it(`has every section the law asks for, each with content, in ${lang}`, () => {
      const sections = statementSections(lang, operator, '7. Dezember 2026');
      expect(sections.map((s) => s.id)).toEqual([...REQUIRED_SECTIONS]);
      for (const section of sections) {
        expect(section.title.length).toBeGreaterThan(3);
        expect(textOf(section.blocks).length).toBeGreaterThan(40);
      }
      const text = (id: string) => textOf(sections.find((s) => s.id === id)?.blocks ?? []);
      expect(text('conformance')).toMatch(/WCAG\) 2\.1/);
      expect(text('conformance')).toMatch(/EN 301 549/);
      expect(text('notAccessible').split('\n').length).toBeGreaterThanOrEqual(3);
      expect(text('preparation')).toContain('7. Dezember 2026');
      expect(text('preparation')).toMatch(/axe-core/);
      expect(text('feedback')).toContain('<mailto:reutlingen.bf@example.org>');
      expect(text('feedback')).toContain('07121 309-0');
      expect(text('enforcement')).toContain(`<${SCHLICHTUNGSSTELLE.url}>`);
      expect(text('enforcement')).toMatch(/§ 16 BGG|section 16 BGG/);
    });
  }

  it('says who must add the contact data when the operator has not, and never invents an address', () => {
    for (const missing of [{ status: 'missing' }, { status: 'invalid', problem: 'x' }] as const) {
      const feedback = statementSections('de', missing, 'heute').find((s) => s.id === 'feedback');
      const text = textOf(feedback?.blocks ?? []);
      expect(text).toContain('operator.json');
      expect(text).not.toContain('mailto:');
    }
  });

  it('writes the feedback as a mailto: link whose subject and body survive any text', () => {
    const href = feedbackMailto(
      'bf@example.org',
      { page: 'Nachweise & Dateien', problem: 'Fokus unsichtbar?\nZeile 2 + 100 %', name: 'Ö. Şahin', reply: '' },
      'de',
    );
    expect(href.startsWith('mailto:bf@example.org?subject=')).toBe(true);
    const params = new URL(href).searchParams;
    expect(params.get('subject')).toBe('Barriere in Ankerpunkt melden');
    const body = params.get('body') ?? '';
    expect(body).toContain('Betroffene Seite oder Funktion: Nachweise & Dateien');
    expect(body).toContain('Fokus unsichtbar?\r\nZeile 2 + 100 %');
    expect(body).toContain('Name: Ö. Şahin');
    expect(body).toContain('Antwort bitte an: -');
    // "+" stays a plus: mail programs do not read it as a space.
    expect(href).not.toMatch(/\+100/);
  });
});

describe('the operator file', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('accepts the example shipped with the app', async () => {
    const { readFileSync } = await import('node:fs');
    const result = readOperatorFile(readFileSync('public/operator.example.json'));
    expect(result).toEqual({ ok: true, operator: expect.objectContaining({ organisation: 'Agentur für Arbeit Musterstadt' }) });
  });
  it('refuses what is not a contact: unknown fields, a script URL, a bad address, duplicate names, oversize', () => {
    const cases = [
      '{"organisation":"A","email":"a@b.de","extra":1}',
      '{"organisation":"A","email":"a@b.de","signLanguageVideo":"javascript:alert(1)"}',
      '{"organisation":"A","email":"kein-at"}',
      '{"organisation":"A","organisation":"B","email":"a@b.de"}',
      `{"organisation":"${'x'.repeat(20_000)}","email":"a@b.de"}`,
      '<html>',
    ];
    for (const text of cases) {
      const result = readOperatorFile(bytes(text));
      expect(result.ok, text.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.problem.length).toBeGreaterThan(3);
    }
  });
});
