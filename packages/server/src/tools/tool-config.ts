import type { JsonSchema } from "@quire/core";

/**
 * One operator-configured tool (`[[tools]]` of quire.toml): what the model is told about it and
 * the HTTP endpoint that runs it. Quire POSTs `{"name", "arguments"}` as JSON to `url`; the
 * response body (JSON, else text) is the tool's result. Tools exist only here: a prompt or a
 * request can name a configured tool, never define an endpoint.
 */
export interface ToolConfig {
  /** 1–64 letters, digits, "_" or "-": what a version's `config.tools` and the model call it. */
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an object); calls are checked against it before the POST. */
  parameters: JsonSchema;
  /** http:// or https:// endpoint. Redirects are not followed. */
  url: string;
  /** Time limit of one call, in ms (default 10,000). */
  timeoutMs?: number;
  /**
   * Headers to send, each value the *name* of the environment variable holding it
   * (`{ Authorization = "SEARCH_AUTHORIZATION" }`), read once at start: no secret in the file.
   */
  headers?: Record<string, string>;
  /** Largest response body read, in bytes (default 65,536); a larger one is an error result. */
  maxResponseBytes?: number;
}

export const defaultToolTimeoutMs = 10_000;
export const defaultToolMaxResponseBytes = 64 * 1024;
export const maximumToolTimeoutMs = 600_000;
export const maximumToolResponseBytes = 16 * 1024 * 1024;

/** Tool names as core's tool box and the providers' APIs accept them. */
export const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;
/** An environment variable name (a header's value names one). */
export const environmentVariablePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A header name (an HTTP token). */
export const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
