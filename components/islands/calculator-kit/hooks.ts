/** State plumbing shared by the calculators: hydration, the URL, and a short status message. */
import { useEffect, useRef, useState } from 'preact/hooks';

/** False in the server render and the first client render, true once the island is live. */
export function useHydrated(): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return live;
}

/**
 * Field texts that start from the server's defaults (so hydration matches the HTML), then take
 * the URL's values, and write every later change back with history.replaceState.
 */
export function useUrlTexts<T extends Record<string, string>>(
  defaults: T,
  fromQuery: (search: string) => T,
  toQuery: (texts: T) => string,
): [T, (next: T) => void] {
  const [texts, setTexts] = useState<T>(defaults);
  const restored = useRef(false);
  useEffect(() => {
    if (location.search) setTexts(fromQuery(location.search));
    restored.current = true;
  }, []);
  const update = (next: T) => {
    setTexts(next);
    if (!restored.current) return;
    const url = `${location.pathname}${toQuery(next)}${location.hash}`;
    history.replaceState(history.state, '', url);
  };
  return [texts, update];
}

/** A message that clears itself after a few seconds, for "Link copied". */
export function useStatus(): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (m: string) => {
    setMessage(m);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(''), 4000);
  };
  return [message, show];
}

/** Copies text; false when the browser refuses, so the caller can show the link to copy by hand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
