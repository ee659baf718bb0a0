import { describe, expect, it } from 'vitest';
import type { ProcessCommand } from '../../machines/process/process.events.ts';
import { REASON_CODES, type Reason, reason } from '../../machines/process/reasons.ts';
import { createEngine, explainCommand } from '../../src/domain/process-engine.ts';
import { describeReason } from '../../src/i18n/reasons.ts';
import { defaultRulebook } from '../../standards/rulebook.ts';

describe('reason messages', () => {
  it('name a field with a schema problem in words, not as a path or a library message', () => {
    const problem = reason('invalidCommand', { path: 'payload.reason', message: 'Invalid input', problem: 'invalid' });
    expect(describeReason(problem, 'de', defaultRulebook)).toBe('Bitte „Begründung“ prüfen: fehlt oder ist ungültig.');
    expect(describeReason(problem, 'en', defaultRulebook)).toBe('Please check "reason": missing or invalid.');
  });

  it('say "fill in" for an empty field and give the limit of one too long, from the real schema', () => {
    const engine = createEngine();
    const base = { id: 'e-1', at: '2026-01-01T00:00:00.000Z', actor: { personId: 'p-1', role: 'ambassador' } };
    const empty = explainCommand(engine, engine.initial, { ...base, type: 'ProcessPaused', payload: { reason: '   ' } } as ProcessCommand);
    expect(empty.map((r) => describeReason(r, 'de', engine.rulebook))).toEqual(['Bitte „Begründung“ ausfüllen.']);
    const absent = explainCommand(engine, engine.initial, { ...base, type: 'ProcessPaused', payload: {} } as unknown as ProcessCommand);
    expect(absent.map((r) => describeReason(r, 'en', engine.rulebook))).toEqual(['Please fill in "reason".']);
    const long = explainCommand(engine, engine.initial, {
      ...base,
      type: 'ProcessPaused',
      payload: { reason: 'x'.repeat(1001) },
    } as ProcessCommand);
    expect(long.map((r) => describeReason(r, 'de', engine.rulebook))).toEqual(['„Begründung“ ist zu lang: höchstens 1000 Zeichen.']);
  });

  it('name a measure by its title and its status in words', () => {
    const problem = reason('measureStepNotAllowed', {
      measureId: 'm-1',
      title: 'Seminar Anerkennung',
      status: 'planned',
      step: 'MeasureCompleted',
    });
    expect(describeReason(problem, 'de', defaultRulebook)).toBe(
      'Die Maßnahme „Seminar Anerkennung“ steht auf „geplant“; dieser Schritt ist von dort nicht möglich.',
    );
  });

  it('name a refused action in words, never by its internal event name, for every kind of event', () => {
    const types = Object.keys(defaultRulebook.template.permissions);
    expect(types.length).toBeGreaterThan(15);
    for (const eventType of types) {
      for (const lang of ['de', 'en'] as const) {
        const text = describeReason(reason('roleMayNot', { role: 'managingDirector', eventType }), lang, defaultRulebook);
        expect(text, `${eventType} (${lang})`).not.toMatch(/[a-z][A-Z]/);
        expect(text).toContain(lang === 'de' ? 'Geschäftsführung' : 'Managing director');
      }
    }
    expect(describeReason(reason('roleMayNot', { role: 'managingDirector', eventType: 'SignOffRequested' }), 'de', defaultRulebook)).toBe(
      'Das Beantragen einer Freigabe ist der Rolle Geschäftsführung nicht erlaubt.',
    );
  });

  it('contain no internal name (an event type, a field or a code) in any sentence, whatever the reason', () => {
    // Every parameter a message reads is a plain word here, so what camelCase remains is the message's own.
    const params = new Proxy(
      {},
      { get: (_, key) => (key === 'status' ? 'planned' : key === 'type' ? 'link' : key === 'field' ? 'milestoneId' : 'Wert') },
    );
    for (const code of REASON_CODES) {
      for (const lang of ['de', 'en'] as const) {
        const text = describeReason({ code, params } as Reason, lang, defaultRulebook);
        expect(text, `${code} (${lang})`).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
      }
    }
  });
});
