/**
 * The browser's Back and Forward buttons, asked first while a screen has unsaved work. wouter
 * follows `popstate` with a listener of its own and has no blocker; this listener is added before
 * the app renders (`installHistoryTraversalGuard` in main.tsx), so it runs before wouter's and can
 * keep the router from ever seeing a move the person refused.
 */
interface Guard {
  /** The address of the screen with unsaved work. */
  address: string;
  /** True to let the move happen. */
  allow(): boolean;
}

let current: Guard | null = null;
let installed = false;

function onPopState(event: PopStateEvent): void {
  const guard = current;
  if (guard === null || window.location.href === guard.address) return;
  if (guard.allow()) return;
  // The history entry has already changed: stay by pushing the screen's address again.
  event.stopImmediatePropagation();
  window.history.pushState(null, "", guard.address);
}

export function installHistoryTraversalGuard(): void {
  if (installed) return;
  installed = true;
  window.addEventListener("popstate", onPopState);
}

/** Asks `allow` before Back or Forward leaves the current address; returns the removal. */
export function guardHistoryTraversal(allow: () => boolean): () => void {
  const guard: Guard = { address: window.location.href, allow };
  current = guard;
  return () => {
    if (current === guard) current = null;
  };
}
