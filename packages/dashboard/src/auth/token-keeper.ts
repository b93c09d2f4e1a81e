/**
 * The token this tab knows, and the one open question "what is the token?" that a 401 raises. The
 * token dialog listens here; the API client asks here.
 */
import { adoptFragmentToken, storeToken } from './fragment-token.js';

type Listener = () => void;

let token: string | null = null;
let pending: { reason: string; resolve: (token: string | null) => void } | null = null;
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((listener) => listener());

/** Reads the token from the URL fragment (or this tab's session) once, at start. */
export function initToken(): void {
  token = adoptFragmentToken(window.location, window.history, window.sessionStorage);
}

/** The token to send, or `null`. */
export function currentToken(): string | null {
  return token;
}

/**
 * Asks the user for the token (the dialog shows `reason`); resolves with the new token, or `null`
 * when the user cancels. Concurrent requests share one question.
 */
export function askForToken(reason: string): Promise<string | null> {
  if (pending !== null) {
    const earlier = pending;
    return new Promise((resolve) => {
      pending = {
        reason: earlier.reason,
        resolve: (answer) => {
          earlier.resolve(answer);
          resolve(answer);
        },
      };
    });
  }
  return new Promise((resolve) => {
    pending = { reason, resolve };
    notify();
  });
}

/** The open question's reason, or `null` when no one is asking. */
export function tokenQuestion(): string | null {
  return pending?.reason ?? null;
}

/** Answers the open question: a token (stored in this tab's session) or `null` to cancel. */
export function answerTokenQuestion(answer: string | null): void {
  const open = pending;
  pending = null;
  if (answer !== null) token = storeToken(window.sessionStorage, answer);
  notify();
  open?.resolve(answer === null ? null : token);
}

/** Calls `listener` whenever the question opens or closes; returns the unsubscribe function. */
export function onTokenQuestion(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
