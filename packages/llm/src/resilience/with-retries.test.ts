import { isQuireError, modelError, type QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { withRetries } from "./with-retries.js";

const request = {
  messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }],
};
const unavailable = () => modelError("unavailable", "down", { modelId: "p/m" });

async function rejection(promise: Promise<unknown>): Promise<QuireError> {
  try {
    await promise;
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("withRetries", () => {
  test("retries retryable errors with exponential backoff and equal jitter", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const model = stubLanguageModel("p/m", [
      { error: unavailable() },
      { error: unavailable() },
      { error: unavailable() },
      { text: "ok" },
    ]);
    const random = [0, 0.5, 1 - Number.EPSILON];
    const retried = withRetries(model, {
      maxRetries: 3,
      initialDelayMs: 100,
      clock,
      random: () => random.shift() ?? 0,
    });
    const result = await retried.generate(request);
    expect(result.text).toBe("ok");
    expect(model.calls).toHaveLength(4);
    // 100 → 50..100, 200 → 100..200, 400 → 200..400 (half fixed, half random).
    expect(clock.sleeps[0]).toBe(50);
    expect(clock.sleeps[1]).toBe(150);
    expect(clock.sleeps[2]).toBeCloseTo(400, 6);
  });

  test("waits at least as long as Retry-After, and caps the backoff", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const limited = modelError("rate-limit", "slow down", { retryAfterSeconds: 2 });
    const model = stubLanguageModel("p/m", [
      { error: limited },
      { error: unavailable() },
      { text: "ok" },
    ]);
    await withRetries(model, {
      initialDelayMs: 10_000,
      maxDelayMs: 1_000,
      clock,
      random: () => 0,
    }).generate(request);
    expect(clock.sleeps).toEqual([2_000, 500]);
  });

  test("gives up at once when Retry-After is longer than allowed", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const limited = modelError("rate-limit", "slow down", { retryAfterSeconds: 120 });
    const model = stubLanguageModel("p/m", [{ error: limited }, { text: "ok" }]);
    const error = await rejection(withRetries(model, { clock }).generate(request));
    expect(error).toBe(limited);
    expect(model.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  test("does not retry errors a retry cannot cure, and says how many attempts were made", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const auth = modelError("auth", "bad key");
    const model = stubLanguageModel("p/m", [{ error: auth }, { text: "ok" }]);
    const error = await rejection(withRetries(model, { clock }).generate(request));
    expect(error).toBe(auth);
    expect(error.details.attempts).toBe(1);
    expect(model.calls).toHaveLength(1);
  });

  test("stops after maxRetries and throws the last error", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const model = stubLanguageModel("p/m", [{ error: unavailable() }]);
    const error = await rejection(withRetries(model, { maxRetries: 2, clock }).generate(request));
    expect(error.details.attempts).toBe(3);
    expect(model.calls).toHaveLength(3);
  });

  test("stops when the caller aborts during a wait", async () => {
    const clock = createFakeClock();
    const model = stubLanguageModel("p/m", [{ error: unavailable() }, { text: "ok" }]);
    const controller = new AbortController();
    const pending = withRetries(model, { clock }).generate({
      ...request,
      abortSignal: controller.signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pending).toBe(1);
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    expect(model.calls).toHaveLength(1);
  });

  test("a stream is retried before its first part, never after", async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const early = stubLanguageModel("p/m", [{ error: unavailable() }, { text: "hello world" }]);
    const parts: string[] = [];
    for await (const part of withRetries(early, { clock }).stream!(request)) {
      parts.push(part.type === "text-delta" ? part.text : "<finish>");
    }
    expect(parts).toEqual(["hello ", "world", "<finish>"]);
    expect(early.calls).toHaveLength(2);

    const late = stubLanguageModel("p/m", [{ error: unavailable() }, { text: "never" }], {
      errorAfterParts: 1,
    });
    const seen: string[] = [];
    const consume = async () => {
      for await (const part of withRetries(late, { clock }).stream!(request)) {
        if (part.type === "text-delta") seen.push(part.text);
      }
    };
    await expect(consume()).rejects.toThrow("down");
    expect(seen).toEqual(["part0 "]);
    expect(late.calls).toHaveLength(1);
  });
});
