export const LANGS = ['de', 'en'] as const;
/** German first: every user-facing text exists in German; English is the second language. */
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'de';

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en';
}

/** The Intl locale of a language: German as in Germany, English as in Britain (day before month, 24-hour clock). */
export function localeOf(lang: Lang): 'de-DE' | 'en-GB' {
  return lang === 'de' ? 'de-DE' : 'en-GB';
}
