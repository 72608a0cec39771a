import { APICallError, JSONParseError, TypeValidationError } from "@ai-sdk/provider";
import { modelError, modelErrorClassOf, QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { classifyModelError } from "./classify-model-error.js";

const context = {
  modelId: "openai/gpt-4o-mini",
  baseUrl: "https://api.openai.com/v1",
  apiKeyEnv: "OPENAI_API_KEY",
  secrets: ["sk-secret-123456"],
};

function apiError(
  statusCode: number | undefined,
  message: string,
  options: { body?: string; headers?: Record<string, string>; cause?: unknown } = {},
) {
  return new APICallError({
    message,
    url: "https://api.openai.com/v1/chat/completions",
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(options.body === undefined ? {} : { responseBody: options.body }),
    ...(options.headers === undefined ? {} : { responseHeaders: options.headers }),
    cause: options.cause,
  });
}

function classify(error: unknown): QuireError {
  const result = classifyModelError(error, context);
  if (!(result instanceof QuireError)) throw new Error("expected a QuireError");
  return result;
}

describe("classifyModelError", () => {
  test.each([
    [401, "auth", false],
    [403, "auth", false],
    [408, "timeout", true],
    [409, "provider-error", true],
    [400, "provider-error", false],
    [404, "provider-error", false],
    [422, "provider-error", false],
    [413, "context-too-long", false],
    [429, "rate-limit", true],
    [500, "provider-error", true],
    [502, "unavailable", true],
    [503, "unavailable", true],
    [504, "unavailable", true],
    [529, "unavailable", true],
  ] as const)("HTTP %i is %s (retryable: %s)", (status, errorClass, retryable) => {
    const error = classify(apiError(status, "something"));
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(modelErrorClassOf(error)).toBe(errorClass);
    expect(error.retryable).toBe(retryable);
    expect(error.details).toMatchObject({ status, modelId: context.modelId });
  });

  test("a refused key names the variable, never the key", () => {
    const error = classify(apiError(401, "Incorrect API key provided: sk-secret-123456."));
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(error.message).not.toContain("sk-secret-123456");
    expect(JSON.stringify(error.toJSON())).not.toContain("sk-secret-123456");
  });

  test("the body tells a too-long prompt and a content filter from other 400s", () => {
    const long = classify(
      apiError(400, "This model's maximum context length is 8192 tokens", {
        body: '{"error":{"code":"context_length_exceeded"}}',
      }),
    );
    expect(modelErrorClassOf(long)).toBe("context-too-long");
    const filtered = classify(
      apiError(400, "The response was filtered", { body: '{"error":{"code":"content_filter"}}' }),
    );
    expect(modelErrorClassOf(filtered)).toBe("content-filtered");
    expect(filtered.retryable).toBe(false);
  });

  test("429 carries Retry-After; a spent quota is not retryable", () => {
    const limited = classify(apiError(429, "slow down", { headers: { "retry-after": "3" } }));
    expect(limited.details.retryAfterSeconds).toBe(3);
    expect(limited.message).toContain("wait 3 s");
    const quota = classify(
      apiError(429, "You exceeded your current quota", {
        body: '{"error":{"code":"insufficient_quota"}}',
      }),
    );
    expect(modelErrorClassOf(quota)).toBe("rate-limit");
    expect(quota.retryable).toBe(false);
  });

  test("a connection that could not be made is unavailable and names the base URL", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    const error = classify(apiError(undefined, "Cannot connect to API", { cause: refused }));
    expect(modelErrorClassOf(error)).toBe("unavailable");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(context.baseUrl);
    const cut = new TypeError("terminated", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    expect(modelErrorClassOf(classify(cut))).toBe("unavailable");
  });

  test("answers that cannot be read are malformed, and not retried", () => {
    const parse = new JSONParseError({ text: "{", cause: new SyntaxError("bad") });
    expect(modelErrorClassOf(classify(parse))).toBe("malformed-response");
    const invalid = classify(apiError(200, "Invalid JSON response", { cause: parse }));
    expect(modelErrorClassOf(invalid)).toBe("malformed-response");
    expect(invalid.retryable).toBe(false);
    const shape = new TypeValidationError({ value: {}, cause: new Error("choices missing") });
    expect(modelErrorClassOf(classify(shape))).toBe("malformed-response");
  });

  test("model errors and aborts pass through unchanged", () => {
    const existing = modelError("timeout", "already classified");
    expect(classifyModelError(existing, context)).toBe(existing);
    const abort = new DOMException("aborted", "AbortError");
    expect(classifyModelError(abort, context)).toBe(abort);
  });

  test("anything else is a provider error that is not retried", () => {
    const error = classify(new Error("boom"));
    expect(modelErrorClassOf(error)).toBe("provider-error");
    expect(error.retryable).toBe(false);
  });
});
