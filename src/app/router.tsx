/**
 * Routing by the URL hash (#/p/123/evidence). Hash routes work on any static web server and
 * under any sub-path without rewrite rules, which is what intranet hosting needs.
 */
import { type AnchorHTMLAttributes, useEffect, useState } from 'react';

export type Route =
  | { screen: 'start' }
  | { screen: 'settings' }
  | { screen: 'process'; processId: string; tab: 'overview' | 'measures' | 'evidence' | 'standards' }
  | { screen: 'notFound'; path: string };

const TABS = ['overview', 'measures', 'evidence', 'standards'] as const;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { screen: 'start' };
  if (parts[0] === 'settings' && parts.length === 1) return { screen: 'settings' };
  if (parts[0] === 'p' && parts[1]) {
    const tab = (parts[2] ?? 'overview') as Route extends { tab: infer T } ? T : never;
    if (TABS.includes(tab) && parts.length <= 3) return { screen: 'process', processId: parts[1], tab };
  }
  return { screen: 'notFound', path };
}

export function hrefFor(route: Route): string {
  switch (route.screen) {
    case 'start':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'process':
      return `#/p/${encodeURIComponent(route.processId)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function Link({ to, ...props }: { to: Route } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return <a href={hrefFor(to)} {...props} />;
}
