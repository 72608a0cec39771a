/**
 * The browser's choice to stay signed out of the local admin session. Without it a reload would
 * open the local admin session again (the server grants it to any loopback browser while nobody
 * has an account); with it, the sign-in screen offers "Continue as local admin" instead. Only a
 * preference of this browser: what the server grants, and to whom, does not change.
 */
const storageKey = "quire.local-session";
const declined = "signed-out";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be off (privacy settings); the choice then lasts until the tab closes.
    return null;
  }
}

/** True after the person signed out of the local admin session in this browser. */
export function localSessionDeclined(): boolean {
  return storage()?.getItem(storageKey) === declined;
}

export function declineLocalSession(): void {
  storage()?.setItem(storageKey, declined);
}

/** Forgets the choice: the person signed in again (as local admin or with an account). */
export function forgetLocalSessionChoice(): void {
  storage()?.removeItem(storageKey);
}
