/**
 * The presets and the result strip around a calculator's form. The preset list itself is the
 * page's server-rendered HTML (CalculatorPresets.astro, passed in as children): plain links that
 * work without JavaScript. Here a click on one applies it in place, and the preset in use is marked.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** A preset as the island needs it: its id, its name and the query string its link carries. */
export interface PresetRef {
  id: string;
  label: string;
  query: string;
}

/** The preset the current inputs match, and the one they were last edited from. */
export interface Scenario {
  active: PresetRef | undefined;
  origin: PresetRef | undefined;
}

/**
 * Which preset the inputs (as a query string) match now, remembering the last one matched. Only
 * once the island is `live` (the URL's inputs restored): before that the inputs are the defaults,
 * which a shared link of edited inputs was never "edited from".
 */
export function useScenario(presets: readonly PresetRef[], query: string, live: boolean): Scenario {
  const active = presets.find((p) => p.query === query);
  const [origin, setOrigin] = useState<PresetRef | undefined>(undefined);
  useEffect(() => {
    if (live && active) setOrigin(active);
  }, [live, active?.id]);
  return { active, origin: active ?? origin };
}

/** "Preset: Carlsmith reading", or "Custom (edited from “Carlsmith reading”)" once an input differs. */
export function scenarioText({ active, origin }: Scenario): string {
  if (active) return `Preset: ${active.label}`;
  return origin ? `Custom (edited from “${origin.label}”)` : 'Custom inputs';
}

export interface PresetLinksProps {
  presets: readonly PresetRef[];
  scenario: Scenario;
  /** Applies a preset's query string (adding a history entry). */
  onApply: (query: string) => void;
  children?: ComponentChildren;
}

/** The server-rendered preset links, applied in place on a plain click and marked while in use. */
export function PresetLinks({ presets, scenario, onApply, children }: PresetLinksProps) {
  const ref = useRef<HTMLDivElement>(null);
  const activeId = scenario.active?.id;
  // Before paint, so the mark never lags the numbers.
  useLayoutEffect(() => {
    for (const a of ref.current?.querySelectorAll<HTMLAnchorElement>('a[data-preset]') ?? []) {
      if (a.dataset['preset'] === activeId) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }, [activeId]);
  // A listener on the wrapper, not on each link: the links are static HTML the island does not render.
  const apply = useRef(onApply);
  apply.current = onApply;
  useEffect(() => {
    const el = ref.current;
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[data-preset]');
      const preset = presets.find((p) => p.id === (a as HTMLAnchorElement | null)?.dataset['preset']);
      // A new tab or window (modifier keys, other buttons) still follows the link.
      if (!preset || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      apply.current(preset.query);
    };
    el?.addEventListener('click', onClick);
    return () => el?.removeEventListener('click', onClick);
  }, [presets]);
  return (
    <div class="calc-presets-slot" ref={ref}>
      {children}
      <p class="calc-scenario" role="status">
        {scenarioText(scenario)}
      </p>
    </div>
  );
}

export interface StripItem {
  name: string;
  label: string;
  text: string;
}

/** The compact result line that stays at the top of a phone screen while the form scrolls under it. */
export function ResultStrip({ target, items }: { target: string; items: readonly StripItem[] }) {
  return (
    <a class="calc-strip" href={`#${target}`}>
      {items.map((it) => (
        <span class="calc-strip-item">
          {it.label} <strong data-strip={it.name}>{it.text}</strong>
        </span>
      ))}
    </a>
  );
}
