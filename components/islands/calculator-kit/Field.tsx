/** A labelled text field for a number, with an optional slider and its error message. */
import type { ComponentChildren } from 'preact';
import { parseNumber, writeNumber } from '../../../src/lib/calc/fields.ts';

/** A slider beside the field; "log" moves through powers of ten, for times that span decades. */
export interface SliderSpec {
  min: number;
  max: number;
  scale: 'linear' | 'log';
  /** Step in the slider's own units (the value, or log10 of it). */
  step: number;
}

export interface FieldProps {
  id: string;
  /** Also names the slider for assistive technology, so keep it self-contained. */
  label: string;
  /** Shown after the label, e.g. a symbol like m_G; decorative. */
  symbol?: ComponentChildren;
  unit?: string;
  text: string;
  error?: string | undefined;
  disabled: boolean;
  onText: (text: string) => void;
  slider?: SliderSpec;
  hint?: string;
  /** The value the model is using; while the text is wrong that is the default, and the slider shows it. */
  value?: number | undefined;
}

// Three significant figures are plenty for a dragged value and keep the text short in links.
function roundForSlider(x: number): number {
  return Number(x.toPrecision(3));
}

/** A number field with its label, unit, optional slider, hint and error message. */
export function Field(props: FieldProps) {
  const { id, label, symbol, unit, text, error, disabled, onText, slider, hint, value } = props;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const parsed = parseNumber(text);
  let sliderValue = 0;
  if (slider) {
    // The slider shows the value in use, never a rejected one (an out-of-range 7 must not sit at the maximum).
    const v = value ?? (error ? null : parsed) ?? slider.min;
    const raw = slider.scale === 'log' ? Math.log10(Math.max(v, 10 ** slider.min)) : v;
    sliderValue = Math.min(slider.max, Math.max(slider.min, raw));
  }
  return (
    <div class={`calc-field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {symbol ? <span class="calc-symbol"> {symbol}</span> : null}
      </label>
      <div class="calc-field-row">
        <input
          id={id}
          name={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellcheck={false}
          value={text}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
          onInput={(e) => onText(e.currentTarget.value)}
        />
        {unit ? <span class="calc-unit">{unit}</span> : null}
        {slider ? (
          <input
            type="range"
            class="calc-slider"
            min={slider.min}
            max={slider.max}
            step={slider.step}
            value={sliderValue}
            disabled={disabled}
            aria-label={`${label} (slider)`}
            aria-valuetext={
              error
                ? value === undefined
                  ? 'not set'
                  : `${writeNumber(value)}${unit ? ` ${unit}` : ''}, the default, in use while the field is wrong`
                : parsed === null
                  ? 'not set'
                  : `${text}${unit ? ` ${unit}` : ''}`
            }
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              onText(writeNumber(slider.scale === 'log' ? roundForSlider(10 ** v) : roundForSlider(v)));
            }}
          />
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} class="calc-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} class="calc-error">
          {error} The default is used meanwhile.
        </p>
      ) : null}
    </div>
  );
}

export interface ChoiceProps<T extends string> {
  id: string;
  label: string;
  value: string;
  options: readonly { value: T; label: string }[];
  error?: string | undefined;
  disabled: boolean;
  onText: (text: string) => void;
}

/** A labelled select; a bad value from a link shows as an error and an extra, invalid option. */
export function Choice<T extends string>(props: ChoiceProps<T>) {
  const { id, label, value, options, error, disabled, onText } = props;
  const known = options.some((o) => o.value === value);
  return (
    <div class={`calc-field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <div class="calc-field-row">
        <select
          id={id}
          name={id}
          value={value}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onText(e.currentTarget.value)}
        >
          {known ? null : <option value={value}>{value || '(empty)'}</option>}
          {options.map((o) => (
            <option value={o.value}>{o.label}</option>
          ))}
        </select>
      </div>
      {error ? (
        <p id={`${id}-error`} class="calc-error">
          {error} The default is used meanwhile.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The props every field shares, bound to one key of a calculator's text state: its id, text,
 * error and change handler, disabled until the island is live.
 */
export function fieldBinder<K extends string>(
  texts: Readonly<Record<K, string>>,
  errors: Readonly<Partial<Record<K, string>>>,
  live: boolean,
  setTexts: (next: Record<K, string>) => void,
  values?: Readonly<Partial<Record<K, unknown>>>,
) {
  return (key: K) => {
    const v = values?.[key];
    return {
      id: key,
      text: texts[key],
      error: errors[key],
      disabled: !live,
      onText: (text: string) => setTexts({ ...texts, [key]: text }),
      value: typeof v === 'number' ? v : undefined,
    };
  };
}

/** How many fields need fixing, after the calculator's note; nothing when none do. */
export function ErrorSummary({ count }: { count: number }) {
  if (count === 0) return null;
  return <strong class="calc-error-summary"> {count === 1 ? 'One field needs attention' : `${count} fields need attention`}; the rest still compute.</strong>;
}
