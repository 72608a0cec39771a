import { useEffect } from "react";
import { guardHistoryTraversal } from "../history-traversal-guard.js";

export const unsavedQuestion = "You have unsaved changes. Leave and lose them?";

/**
 * While `dirty`: the browser asks before the tab closes or reloads, and a click on a link to
 * another screen of the UI or the browser's back and forward buttons ask first (wouter has no
 * navigation blocker).
 */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target as Element | null;
      const anchor = target?.closest?.("a[href]");
      if (anchor === null || anchor === undefined) return;
      const href = anchor.getAttribute("href") ?? "";
      if (href.startsWith("#") || anchor.getAttribute("target") === "_blank") return;
      if (!window.confirm(unsavedQuestion)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    const removeTraversalGuard = guardHistoryTraversal(() => window.confirm(unsavedQuestion));
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      removeTraversalGuard();
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}
