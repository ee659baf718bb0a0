import { describe, expect, it } from 'vitest';
import { hrefFor, PROCESS_TABS, parseRoute, type Route } from '../../src/app/router.tsx';

describe('hash routes', () => {
  it('reads every existing route and writes it back unchanged', () => {
    const routes: [string, Route][] = [
      ['#/', { screen: 'start' }],
      ['#/settings', { screen: 'settings' }],
      ['#/inbox', { screen: 'inbox' }],
      ['#/verify', { screen: 'verify' }],
      ['#/region/report', { screen: 'regionReport' }],
      ['#/barrierefreiheit', { screen: 'accessibility' }],
      ['#/leichte-sprache', { screen: 'easyLanguage' }],
      ['#/gebaerdensprache', { screen: 'signLanguage' }],
      ['#/p/jc-neckar-alb', { screen: 'process', processId: 'jc-neckar-alb', tab: 'overview' }],
      ['#/p/jc-neckar-alb/evidence', { screen: 'process', processId: 'jc-neckar-alb', tab: 'evidence' }],
      ['#/p/jc-neckar-alb/report', { screen: 'process', processId: 'jc-neckar-alb', tab: 'report' }],
    ];
    for (const [hash, route] of routes) {
      expect(parseRoute(hash)).toEqual(route);
      expect(hrefFor(route)).toBe(hash);
    }
    for (const tab of PROCESS_TABS) {
      const route: Route = { screen: 'process', processId: 'p1', tab };
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
    expect(parseRoute('')).toEqual({ screen: 'start' });
    expect(parseRoute('#/p/jc-neckar-alb/overview')).toEqual({ screen: 'process', processId: 'jc-neckar-alb', tab: 'overview' });
  });

  it('links to one piece of evidence, with ids encoded both ways', () => {
    const route: Route = { screen: 'process', processId: 'jc-neckar-alb', tab: 'evidence', item: 'ev-7' };
    expect(hrefFor(route)).toBe('#/p/jc-neckar-alb/evidence/ev-7');
    expect(parseRoute('#/p/jc-neckar-alb/evidence/ev-7')).toEqual(route);

    // Slashes, spaces, umlauts and "#" in an id survive the round trip as one part.
    const odd: Route = { screen: 'process', processId: 'AA Köln/Süd', tab: 'evidence', item: 'e/1 #ä?' };
    const href = hrefFor(odd);
    expect(href).toBe('#/p/AA%20K%C3%B6ln%2FS%C3%BCd/evidence/e%2F1%20%23%C3%A4%3F');
    expect(parseRoute(href)).toEqual(odd);
  });

  it('gives an item only to the evidence tab and ignores it elsewhere when writing', () => {
    expect(parseRoute('#/p/x/measures/m-1')).toEqual({ screen: 'notFound', path: '/p/x/measures/m-1' });
    expect(parseRoute('#/p/x/overview/ev-1')).toEqual({ screen: 'notFound', path: '/p/x/overview/ev-1' });
    expect(parseRoute('#/p/x/evidence/ev-1/more')).toEqual({ screen: 'notFound', path: '/p/x/evidence/ev-1/more' });
    expect(hrefFor({ screen: 'process', processId: 'x', tab: 'timeline', item: 'ev-1' })).toBe('#/p/x/timeline');
    // An empty item is no item.
    expect(hrefFor({ screen: 'process', processId: 'x', tab: 'evidence', item: '' })).toBe('#/p/x/evidence');
  });

  it('treats unknown and malformed paths as not found instead of failing', () => {
    expect(parseRoute('#/nirgends')).toEqual({ screen: 'notFound', path: '/nirgends' });
    expect(parseRoute('#/p/x/evidence/%E0%A4%A')).toEqual({ screen: 'notFound', path: '/p/x/evidence/%E0%A4%A' });
    expect(hrefFor({ screen: 'notFound', path: '/nirgends' })).toBe('#/nirgends');
  });
});
