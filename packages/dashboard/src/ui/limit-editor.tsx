/** One editable limit of the overview: a field and a save button. */
import { useState } from 'preact/hooks';
import { parseLimit, updateLimit, type LimitUpdate } from '../api/experiment-actions.js';

/** Props of `LimitEditor`. */
export interface LimitEditorProps {
  readonly type: LimitUpdate;
  readonly label: string;
  /** The value shown before editing. */
  readonly current: string;
  /** `data-testid` prefix: `<prefix>-input` and `<prefix>-save`. */
  readonly testId: string;
  readonly placeholder: string;
  readonly onDone: (message: string, failed: boolean) => void;
}

/** A field for one limit; saving sends `PUT /experiment?update_type=…`. */
export function LimitEditor({ type, label, current, testId, placeholder, onDone }: LimitEditorProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const value = parseLimit(type, text);
  const save = async (event: Event) => {
    event.preventDefault();
    if (value === undefined) return;
    setBusy(true);
    try {
      await updateLimit(type, value);
      onDone(`${label} set to ${String(value)}`, false);
      setText('');
    } catch (error) {
      onDone(`${label}: ${(error as Error).message}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="limit" onSubmit={save}>
      <label>
        {label}
        <input data-testid={`${testId}-input`} value={text} placeholder={`${current} (${placeholder})`} onInput={(e) => setText(e.currentTarget.value)} aria-invalid={text !== '' && value === undefined} />
      </label>
      <button type="submit" data-testid={`${testId}-save`} disabled={busy || value === undefined}>
        Save
      </button>
    </form>
  );
}
