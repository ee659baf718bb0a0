/**
 * File-name parts from free text (agency names, stage titles, people's names): lower case,
 * umlauts spelled out, anything else a dash. ASCII only, so Windows shares, e-mail gateways
 * and old ZIP tools all handle the names; at most 60 characters per part.
 */

const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** "Jobcenter Neckar-Alb (Demo)" → "jobcenter-neckar-alb-demo"; `fallback` when nothing is left. */
export function slugOf(text: string, fallback = 'prozess'): string {
  const slug = text
    .replace(/[äöüßÄÖÜ]/g, (c) => SPELLED_OUT[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
