/** Following the URL hash in React: the current route, navigating, and links (routes.ts parses). */
import { type AnchorHTMLAttributes, useEffect, useState } from 'react';
import { hrefFor, parseRoute, type Route } from './routes.ts';

export { hrefFor, PROCESS_TABS, type ProcessTab, parseRoute, type Route } from './routes.ts';

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
