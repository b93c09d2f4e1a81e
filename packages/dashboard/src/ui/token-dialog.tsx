/** The dialog that asks for the experiment's token when the server answers 401. */
import { useEffect, useState } from 'preact/hooks';
import { answerTokenQuestion, onTokenQuestion, tokenQuestion } from '../auth/token-keeper.js';

/** Shown while a request waits for the token. */
export function TokenDialog() {
  const [question, setQuestion] = useState(tokenQuestion());
  const [text, setText] = useState('');
  useEffect(() => onTokenQuestion(() => setQuestion(tokenQuestion())), []);
  if (question === null) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    answerTokenQuestion(text);
    setText('');
  };
  return (
    <div class="modal-backdrop">
      <form class="modal" data-testid="token-dialog" onSubmit={submit}>
        <h2>Token needed</h2>
        <p>{question}</p>
        <p class="hint">It is the token in the dashboard address the CLI printed (after <code>#token=</code>).</p>
        <input data-testid="token-input" type="password" autoFocus value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="token" />
        <div class="row-buttons">
          <button type="submit" data-testid="token-save" disabled={text.trim() === ''}>
            Use token
          </button>
          <button type="button" data-testid="token-cancel" onClick={() => answerTokenQuestion(null)}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
