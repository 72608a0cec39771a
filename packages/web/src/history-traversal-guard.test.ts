// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { guardHistoryTraversal, installHistoryTraversalGuard } from "./history-traversal-guard.js";

/** What Back does to the page: the address changes, then popstate is dispatched. */
function traverseTo(path: string): void {
  window.history.replaceState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

describe("the history traversal guard", () => {
  installHistoryTraversalGuard();
  // Added after the guard, as wouter's listener is.
  const router = vi.fn();
  window.addEventListener("popstate", router);
  let removeGuard = () => {};
  afterEach(() => {
    removeGuard();
    router.mockClear();
  });

  it("keeps the address and hides the move from the router when the person stays", () => {
    window.history.pushState(null, "", "/prompts/a");
    const allow = vi.fn(() => false);
    removeGuard = guardHistoryTraversal(allow);
    traverseTo("/prompts/a/history");
    expect(allow).toHaveBeenCalledTimes(1);
    expect(window.location.pathname).toBe("/prompts/a");
    expect(router).not.toHaveBeenCalled();
  });

  it("lets the move through when the person leaves, and does not ask once removed", () => {
    window.history.pushState(null, "", "/prompts/b");
    const allow = vi.fn(() => true);
    removeGuard = guardHistoryTraversal(allow);
    traverseTo("/");
    expect(window.location.pathname).toBe("/");
    expect(router).toHaveBeenCalledTimes(1);

    removeGuard();
    traverseTo("/settings");
    expect(allow).toHaveBeenCalledTimes(1);
    expect(router).toHaveBeenCalledTimes(2);
  });
});
