/**
 * The screens beyond the start screen, each its own download so that the first screen appears
 * fast. The entry (main.tsx) starts the download of the screen the URL names at once, beside the
 * app's own code, instead of after the app has rendered and asked for it: on a cold start into a
 * process that saves one round of downloads (decision 63). App.tsx renders them with lazy().
 */
import type { Route } from './routes.ts';

export const SCREENS = {
  process: () => import('./process/ProcessScreen.tsx'),
  settings: () => import('./settings/SettingsScreen.tsx'),
  inbox: () => import('./inbox/InboxScreen.tsx'),
  region: () => import('./region/RegionScreen.tsx'),
  regionReport: () => import('./region/RegionReport.tsx'),
  accessibility: () => import('./accessibility/StatementScreen.tsx'),
  easyLanguage: () => import('./accessibility/EasyLanguageScreen.tsx'),
  signLanguage: () => import('./accessibility/SignLanguageScreen.tsx'),
  verify: () => import('./verify/VerifyScreen.tsx'),
} satisfies Partial<Record<Route['screen'], () => Promise<unknown>>>;

/** Starts downloading the screen `route` names, if it is a separate download. */
export function startScreenDownload(route: Route): void {
  if (route.screen in SCREENS) void SCREENS[route.screen as keyof typeof SCREENS]().catch(() => {});
}
