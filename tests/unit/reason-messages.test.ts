import { describe, expect, it } from 'vitest';
import { reason } from '../../machines/process/reasons.ts';
import { describeReason } from '../../src/i18n/reasons.ts';
import { defaultRulebook } from '../../standards/rulebook.ts';

describe('reason messages', () => {
  it('name a field with a schema problem in words, not as a path or a library message', () => {
    const problem = reason('invalidCommand', { path: 'payload.reason', message: 'Too small: expected string to have >=1 characters' });
    expect(describeReason(problem, 'de', defaultRulebook)).toBe('Bitte „Begründung“ prüfen: fehlt oder ist ungültig.');
    expect(describeReason(problem, 'en', defaultRulebook)).toBe('Please check "reason": missing or invalid.');
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
});
