/** State plumbing shared by the calculators: hydration, the URL, and a short status message. */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** False in the server render and the first client render, true once the island is live. */
export function useHydrated(): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return live;
}

/** Replaces the calculator's texts; `push` adds a history entry (a preset) instead of editing this one. */
export type SetTexts<T> = (next: T, push?: boolean) => void;

/**
 * Field texts that start from the server's defaults (so hydration matches the HTML), then take
 * the URL's values, and write every later change back to the URL: an edit replaces the history
 * entry, a preset pushes a new one, and Back restores the texts of the entry it returns to.
 */
export function useUrlTexts<T extends Record<string, string>>(defaults: T, fromQuery: (search: string) => T, toQuery: (texts: T) => string): [T, SetTexts<T>] {
  const [texts, setTexts] = useState<T>(defaults);
  const restored = useRef(false);
  useEffect(() => {
    const restore = () => setTexts(location.search ? fromQuery(location.search) : defaults);
    if (location.search) restore();
    restored.current = true;
    addEventListener('popstate', restore);
    return () => removeEventListener('popstate', restore);
  }, []);
  const update = (next: T, push = false) => {
    setTexts(next);
    if (!restored.current) return;
    const url = `${location.pathname}${toQuery(next)}${location.hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  };
  return [texts, update];
}

/** Follows an element's width in CSS pixels (the fallback until it is measured), for charts drawn at 1:1. */
export function useWidth<E extends Element>(fallback: number): [RefObject<E>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
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
