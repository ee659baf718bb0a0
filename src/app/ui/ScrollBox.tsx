/** A box for a wide table: it scrolls sideways inside, and joins the tab order only while it must. */
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * On screen a wide table scrolls sideways inside this box instead of widening the page on a
 * phone; on paper the box is a plain block (the stylesheet scopes the scrolling to screens). While
 * its table is wider than the box it joins the tab order, so the keyboard can scroll it too.
 */
export function ScrollBox({ labelledBy, className, children }: { labelledBy: string; className: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Only a box that scrolls is a named, focusable region: otherwise it would be an empty tab stop.
  const scrollRegion = scrolls ? { role: 'region', 'aria-labelledby': labelledBy, tabIndex: 0 } : {};
  return (
    <div ref={box} className={className} {...scrollRegion}>
      {children}
    </div>
  );
}
