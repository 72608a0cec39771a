import { describe, expect, it } from "vitest";
import { createSessionFetch, sessionKeyPlaceholder } from "./session-fetch.js";

describe("createSessionFetch", () => {
  function recorder() {
    const calls: { headers: Headers; credentials: RequestCredentials | undefined }[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ headers: new Headers(init?.headers), credentials: init?.credentials });
      return new Response("{}");
    }) as typeof globalThis.fetch;
    return { calls, fetch };
  }

  it("drops the client's placeholder key and sends the CSRF token on writes only", async () => {
    const { calls, fetch } = recorder();
    const sessionFetch = createSessionFetch({ csrfToken: () => "token-1" }, fetch);
    const authorization = { authorization: `Bearer ${sessionKeyPlaceholder}` };
    await sessionFetch("/v1/prompts", { method: "GET", headers: authorization });
    await sessionFetch("/v1/prompts", { method: "POST", headers: authorization });
    expect(calls[0]?.headers.get("authorization")).toBeNull();
    expect(calls[0]?.headers.get("x-csrf-token")).toBeNull();
    expect(calls[1]?.headers.get("x-csrf-token")).toBe("token-1");
    expect(calls.every((call) => call.credentials === "same-origin")).toBe(true);
  });

  it("keeps a real API key", async () => {
    const { calls, fetch } = recorder();
    await createSessionFetch({ csrfToken: () => null }, fetch)("/v1/prompts", {
      headers: { authorization: "Bearer quire_real" },
    });
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer quire_real");
  });
});
