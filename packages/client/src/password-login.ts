import {
  type CreatedApiKeyResponse,
  createdApiKeyResponseSchema,
  type LoginResponse,
  loginResponseSchema,
  logoutResponseSchema,
  QuireError,
} from "@quire/core";
import { errorFromResponse } from "./error-from-response.js";
import { createTransport } from "./http-transport.js";

export interface PasswordLoginOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** The project to sign in to (default: the server's, `default`). */
  project?: string;
  /** The personal key's name, e.g. `cli laptop 2026-11-21`. */
  keyName: string;
  /** When the key stops working (ISO 8601); default never. */
  expiresAt?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export interface PasswordLoginResult {
  /** The personal key: `key.key` is the secret, shown this once. */
  key: CreatedApiKeyResponse;
  /** Who signed in, the project and the member's role (the key's role). */
  login: LoginResponse;
}

/**
 * Signs in with email and password, makes a personal API key with the member's role
 * (`POST /v1/me/keys`) and signs out again: the session only lives for the exchange. For
 * command-line tools (`quire login`), which then use the key.
 */
export async function loginWithPassword(
  options: PasswordLoginOptions,
): Promise<PasswordLoginResult> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const endpoint = "POST /v1/auth/login";
  let response: Response;
  let bodyText: string;
  try {
    response = await fetch(`${baseUrl}/v1/auth/login`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        email: options.email,
        password: options.password,
        ...(options.project === undefined ? {} : { project: options.project }),
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    bodyText = await response.text();
  } catch (error) {
    throw new QuireError(
      "UNAVAILABLE",
      `Could not reach ${baseUrl} to sign in (${error instanceof Error ? error.message : String(error)}): check the server URL and that the server is running.`,
      { details: { baseUrl }, retryable: true, cause: error },
    );
  }
  if (!response.ok) throw errorFromResponse(response.status, bodyText, endpoint);
  const login = loginResponseSchema.parse(JSON.parse(bodyText));
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith("quire_session="));
  if (cookie === undefined) {
    throw new QuireError(
      "UNAVAILABLE",
      `${baseUrl} signed in but set no session cookie: is it a Quire server (or a proxy dropping Set-Cookie)?`,
      { details: { baseUrl } },
    );
  }
  const send = createTransport({ baseUrl, fetch, timeoutMs });
  const headers = { cookie, "x-csrf-token": login.csrfToken };
  try {
    const key = await send({
      method: "POST",
      path: "/v1/me/keys",
      body: {
        name: options.keyName,
        ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
      },
      headers,
      schema: createdApiKeyResponseSchema,
    });
    return { key, login };
  } finally {
    // The session was only for making the key; a failed sign-out leaves it to expire.
    await send({
      method: "POST",
      path: "/v1/auth/logout",
      headers,
      schema: logoutResponseSchema,
    }).catch(() => undefined);
  }
}
