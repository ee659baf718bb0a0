/**
 * The page's one live region. Status changes that matter (saved, refused, verified, an error)
 * are announced here, once, politely; the visible message stays where it belongs on the screen.
 * Many live regions on a page make screen readers drop or repeat messages, and static notices
 * marked as live were read out again on every render.
 */
import {
  createContext,
  createElement,
  type HTMLAttributes,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';

type Announce = (text: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback<Announce>((text) => {
    // Emptied first, so the same words said again (a second refusal) are read again.
    setMessage('');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 50);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div id="announcer" className="visually-hidden" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

/**
 * A message shown where it belongs and announced through the live region whenever its text
 * changes to something non-empty. It is also announced when it appears with text (an error
 * after a click), unless `quietOnMount` (a count shown with a list: read when it changes only).
 */
export function Status({
  as = 'p',
  quietOnMount = false,
  ref: outerRef,
  children,
  ...props
}: {
  as?: 'p' | 'div' | 'span';
  quietOnMount?: boolean;
  ref?: RefObject<HTMLParagraphElement | null>;
  children?: ReactNode;
} & Omit<HTMLAttributes<HTMLElement>, 'role' | 'aria-live'>) {
  const ownRef = useRef<HTMLElement>(null);
  const ref = outerRef ?? ownRef;
  const announce = useAnnounce();
  const last = useRef<string | null>(null);
  useEffect(() => {
    const text = ref.current?.textContent?.trim() ?? '';
    const first = last.current === null;
    if (text && text !== last.current && !(first && quietOnMount)) announce(text);
    last.current = text;
  });
  return createElement(as, { ...props, ref, 'data-status': '' }, children);
}
