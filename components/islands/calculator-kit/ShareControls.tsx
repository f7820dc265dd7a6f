/** "Copy link to this scenario" and "Reset", with a polite status line for what happened. */
import { copyText, useStatus } from './hooks.ts';

export interface ShareControlsProps {
  disabled: boolean;
  onReset: () => void;
}

/** The copy-link and reset buttons with their status line. */
export function ShareControls({ disabled, onReset }: ShareControlsProps) {
  const [status, show] = useStatus();
  return (
    <div class="calc-share">
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          void copyText(location.href).then((ok) => show(ok ? 'Link to this scenario copied.' : `Copy this link by hand: ${location.href}`));
        }}
      >
        Copy link to this scenario
      </button>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          onReset();
          show('Inputs reset to the defaults.');
        }}
      >
        Reset
      </button>
      <p class="calc-status" role="status">
        {status}
      </p>
    </div>
  );
}
