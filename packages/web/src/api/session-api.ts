import {
  type ErrorCode,
  errorCodes,
  errorResponseSchema,
  type LoginResponse,
  loginResponseSchema,
  type MeResponse,
  meResponseSchema,
  QuireError,
} from "@quire/core";

/**
 * The sign-in routes (`/v1/me`, `/v1/auth/login`, `/v1/auth/local-session`, `/v1/auth/logout`),
 * which @quire/client does not wrap: plain fetch, answers checked with core's contracts.
 */
async function call<Output>(
  method: "GET" | "POST",
  path: string,
  schema: { parse(value: unknown): Output },
  options: { body?: unknown; csrfToken?: string | null } = {},
): Promise<Output> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.csrfToken) headers["x-csrf-token"] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new QuireError(
      "UNAVAILABLE",
      "Could not reach the Quire server: is `quire serve` (npm start) still running?",
      { cause: error, retryable: true },
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      const known = (errorCodes as string[]).includes(code) ? (code as ErrorCode) : "INTERNAL";
      throw new QuireError(known, message, { details });
    }
    throw new QuireError("INTERNAL", `${method} ${path} failed with HTTP ${response.status}.`);
  }
  return schema.parse(json);
}

/** Who the browser's session acts as; UNAUTHORIZED when there is no session. */
export function fetchMe(): Promise<MeResponse> {
  return call("GET", "/v1/me", meResponseSchema);
}

export function login(email: string, password: string): Promise<LoginResponse> {
  return call("POST", "/v1/auth/login", loginResponseSchema, { body: { email, password } });
}

/**
 * The local admin session: the server grants it only while nobody has an account, to a browser
 * on the server's own machine, when started in local mode. Refusals say why.
 */
export function startLocalSession(): Promise<MeResponse> {
  return call("POST", "/v1/auth/local-session", meResponseSchema, { body: {} });
}

export async function logout(csrfToken: string | null): Promise<void> {
  await call("POST", "/v1/auth/logout", { parse: (value: unknown) => value }, { csrfToken });
}
