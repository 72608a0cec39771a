/**
 * The fetch the UI hands to @quire/client: the browser sends the session cookie by itself
 * (same origin), so the client's Authorization header is dropped, and every write carries the
 * session's CSRF token. The client needs an API key string; the UI passes `sessionKeyPlaceholder`.
 */
export const sessionKeyPlaceholder = "session-cookie";

export interface CsrfSource {
  /** The session's CSRF token, or null before sign-in. */
  csrfToken(): string | null;
}

export function createSessionFetch(
  source: CsrfSource,
  baseFetch: typeof globalThis.fetch = globalThis.fetch.bind(globalThis),
): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (headers.get("authorization") === `Bearer ${sessionKeyPlaceholder}`) {
      headers.delete("authorization");
    }
    const method = (init?.method ?? "GET").toUpperCase();
    const token = source.csrfToken();
    if (method !== "GET" && method !== "HEAD" && token !== null) {
      headers.set("x-csrf-token", token);
    }
    return baseFetch(input, { ...init, headers, credentials: "same-origin" });
  };
}
