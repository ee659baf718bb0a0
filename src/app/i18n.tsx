/**
 * The UI's language: German by default, English on request, remembered on this device. Each
 * feature keeps its texts beside its screen (`messages.ts` with `de` and `en`); `useMessages`
 * picks the current language's set, so a missing English text is a type error, not a blank.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { DEFAULT_LANG, isLang, type Lang, localeOf } from '../i18n/lang.ts';

// Screens take their formatters from here with the language hooks; the one home of dates is
// src/i18n/dates.ts, shared with the report, the CLI and the CSV.
export { formatDateTime, formatDay } from '../i18n/dates.ts';
export { localeOf as locale };

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: DEFAULT_LANG, setLang: () => {} });
const STORAGE_KEY = 'ankerpunkt.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage unavailable (private mode): German
  }
  return DEFAULT_LANG;
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = localeOf(lang);
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function useMessages<T>(messages: { de: T; en: T }): T {
  return messages[useLang().lang];
}

export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
