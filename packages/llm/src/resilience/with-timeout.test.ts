import { modelErrorClassOf } from "@quire/core";
import { describe, expect, test } from "vitest";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { withTimeout } from "./with-timeout.js";

const request = {
  messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }],
};

describe("withTimeout", () => {
  test("a call slower than the limit fails with a timeout and is aborted", async () => {
    const clock = createFakeClock();
    const model = stubLanguageModel("p/m", [{ hang: true }]);
    const pending = withTimeout(model, { timeoutMs: 1_000, clock }).generate(request);
    const outcome = pending.catch((error: unknown) => error);
    await clock.advance(999);
    expect(model.calls[0]?.abortSignal?.aborted).toBe(false);
    await clock.advance(1);
    const error = await outcome;
    expect(modelErrorClassOf(error)).toBe("timeout");
    expect((error as Error).message).toContain("p/m: no answer within 1000 ms");
    expect(model.calls[0]?.abortSignal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
  });

  test("a call within the limit is untouched and leaves no timer", async () => {
    const clock = createFakeClock();
    const model = stubLanguageModel("p/m", [{ text: "fast" }]);
    const result = await withTimeout(model, { timeoutMs: 1_000, clock }).generate(request);
    expect(result.text).toBe("fast");
    expect(clock.pending).toBe(0);
  });

  test("the caller's abort reaches the model and is not reported as a timeout", async () => {
    const clock = createFakeClock();
    const model = stubLanguageModel("p/m", [{ hang: true }]);
    const controller = new AbortController();
    const pending = withTimeout(model, { timeoutMs: 1_000, clock }).generate({
      ...request,
      abortSignal: controller.signal,
    });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });

  test("a stream times out when a part takes too long", async () => {
    const clock = createFakeClock();
    const model = stubLanguageModel("p/m", [{ hang: true }]);
    const iterator = withTimeout(model, { timeoutMs: 500, clock }).stream!(request)[
      Symbol.asyncIterator
    ]();
    const next = iterator.next().catch((error: unknown) => error);
    await clock.advance(500);
    expect(modelErrorClassOf(await next)).toBe("timeout");
  });
});
