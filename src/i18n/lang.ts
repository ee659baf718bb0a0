export const LANGS = ['de', 'en'] as const;
/** German first: every user-facing text exists in German; English is the second language. */
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'de';

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en';
}
