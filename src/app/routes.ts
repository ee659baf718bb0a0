/**
 * The app's addresses: which screen a URL hash names, and the hash of a screen. Pure, with no
 * React, so that the entry can start downloading the named screen before the app has loaded.
 * Routing by the URL hash (#/p/123/evidence) works on any static web server and under any
 * sub-path without rewrite rules, which is what intranet hosting needs.
 */

export type Route =
  | { screen: 'start' }
  | { screen: 'settings' }
  /** The director's inbox: open sign-off requests across the processes on this device. */
  | { screen: 'inbox' }
  /** Verify a bundle (JSON or ZIP) and import it. */
  | { screen: 'verify' }
  /** Many agencies' processes side by side; 'report' is its print view, the Regionalbericht. */
  | { screen: 'region' }
  | { screen: 'regionReport' }
  /** BITV 2.0: the accessibility statement, and the app explained in Leichte Sprache and in DGS. */
  | { screen: 'accessibility' }
  | { screen: 'easyLanguage' }
  | { screen: 'signLanguage' }
  /** `item` names one piece of evidence to show and focus; only the evidence tab has items. */
  | { screen: 'process'; processId: string; tab: ProcessTab; item?: string }
  | { screen: 'notFound'; path: string };

/** The areas of a process; 'report' is the print view, reached from 'export'. */
export const PROCESS_TABS = ['overview', 'measures', 'evidence', 'standards', 'timeline', 'export', 'report'] as const;
export type ProcessTab = (typeof PROCESS_TABS)[number];
const TOP_LEVEL = ['settings', 'inbox', 'verify', 'region'] as const;
/** German paths, as the law names these pages; they are the addresses people are given. */
const INFO_PAGES = { barrierefreiheit: 'accessibility', 'leichte-sprache': 'easyLanguage', gebaerdensprache: 'signLanguage' } as const;
type InfoScreen = (typeof INFO_PAGES)[keyof typeof INFO_PAGES];
const infoPath = (screen: InfoScreen) => Object.entries(INFO_PAGES).find(([, s]) => s === screen)?.[0];

/** A hand-typed or truncated link can hold a malformed escape ("%E0"): that is a page not found, not a crash. */
function decodeParts(parts: string[]): string[] | null {
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  // Split before decoding, so an id with an encoded "/" stays one part.
  const parts = decodeParts(path.split('/').filter(Boolean));
  if (parts === null) return { screen: 'notFound', path };
  if (parts.length === 0) return { screen: 'start' };
  const top = TOP_LEVEL.find((name) => name === parts[0]);
  if (top && parts.length === 1) return { screen: top };
  const info = parts.length === 1 ? Object.entries(INFO_PAGES).find(([path]) => path === parts[0]) : undefined;
  if (info) return { screen: info[1] };
  if (parts[0] === 'region' && parts[1] === 'report' && parts.length === 2) return { screen: 'regionReport' };
  if (parts[0] === 'p' && parts[1]) {
    const tab = PROCESS_TABS.find((name) => name === (parts[2] ?? 'overview'));
    if (tab && parts.length <= 3) return { screen: 'process', processId: parts[1], tab };
    if (tab === 'evidence' && parts.length === 4 && parts[3]) return { screen: 'process', processId: parts[1], tab, item: parts[3] };
  }
  return { screen: 'notFound', path };
}

export function hrefFor(route: Route): string {
  switch (route.screen) {
    case 'start':
      return '#/';
    case 'settings':
    case 'inbox':
    case 'verify':
    case 'region':
      return `#/${route.screen}`;
    case 'regionReport':
      return '#/region/report';
    case 'accessibility':
    case 'easyLanguage':
    case 'signLanguage':
      return `#/${infoPath(route.screen)}`;
    case 'process': {
      const base = `#/p/${encodeURIComponent(route.processId)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
      return route.tab === 'evidence' && route.item ? `${base}/${encodeURIComponent(route.item)}` : base;
    }
    case 'notFound':
      return `#${route.path}`;
  }
}
