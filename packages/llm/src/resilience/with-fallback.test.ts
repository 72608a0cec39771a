import { isQuireError, modelError, modelErrorClassOf, QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { withFallback } from "./with-fallback.js";

const request = {
  messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }],
};

describe("withFallback", () => {
  test("serves from the first model that answers and lists what failed before it", async () => {
    const clock = createFakeClock();
    const slow = stubLanguageModel("a/slow", [{ hang: true }]);
    const limited = stubLanguageModel("b/limited", [
      { error: modelError("rate-limit", "b/limited: rate limited", { status: 429 }) },
    ]);
    const good = stubLanguageModel("c/good", [{ text: "served" }]);
    const chain = withFallback([{ model: slow, timeoutMs: 2_000 }, limited, good], { clock });
    const pending = chain.generate(request);
    await clock.advance(2_000);
    const result = await pending;
    expect(result.text).toBe("served");
    expect(result.servedBy).toBe("c/good");
    expect(result.modelId).toBe("c/good");
    expect(result.failures).toEqual([
      {
        modelId: "a/slow",
        errorClass: "timeout",
        message: "a/slow: no answer within 2000 ms.",
        durationMs: 2_000,
      },
      {
        modelId: "b/limited",
        errorClass: "rate-limit",
        message: "b/limited: rate limited",
        status: 429,
        durationMs: 0,
      },
    ]);
    expect(slow.calls[0]?.abortSignal?.aborted).toBe(true);
  });

  test("when every model fails, the error lists each failure with its class", async () => {
    const chain = withFallback([
      stubLanguageModel("a/m", [{ error: modelError("auth", "a/m: bad key") }]),
      stubLanguageModel("b/m", [{ error: modelError("unavailable", "b/m: down") }]),
    ]);
    const error = await chain.generate(request).catch((caught: unknown) => caught);
    expect(isQuireError(error)).toBe(true);
    expect(modelErrorClassOf(error)).toBe("unavailable");
    expect((error as Error).message).toBe(
      "Every model of the fallback chain failed: a/m (auth): a/m: bad key; b/m (unavailable): b/m: down",
    );
    expect((error as QuireError).details.failures).toHaveLength(2);
  });

  test("an error that is not a model error, or a rule saying stop, ends the chain", async () => {
    const bug = stubLanguageModel("a/m", [{ error: new TypeError("bug") }]);
    const next = stubLanguageModel("b/m", [{ text: "never" }]);
    await expect(withFallback([bug, next]).generate(request)).rejects.toThrow("bug");
    const filtered = stubLanguageModel("a/m", [{ error: modelError("content-filtered", "no") }]);
    const chain = withFallback([filtered, next], {
      fallBackOn: (error) => modelErrorClassOf(error) !== "content-filtered",
    });
    await expect(chain.generate(request)).rejects.toThrow("no");
    expect(next.calls).toHaveLength(0);
  });

  test("a stream falls back only before its first part", async () => {
    const failing = stubLanguageModel("a/m", [{ error: modelError("unavailable", "down") }]);
    const good = stubLanguageModel("b/m", [{ text: "from b" }]);
    const texts: string[] = [];
    let finish: unknown;
    for await (const part of withFallback([failing, good]).stream(request)) {
      if (part.type === "text-delta") texts.push(part.text);
      else finish = part.result;
    }
    expect(texts.join("")).toBe("from b");
    expect(finish).toMatchObject({
      servedBy: "b/m",
      failures: [{ modelId: "a/m", errorClass: "unavailable" }],
    });

    const late = stubLanguageModel("a/m", [{ error: modelError("unavailable", "cut") }], {
      errorAfterParts: 1,
    });
    const unused = stubLanguageModel("b/m", [{ text: "never" }]);
    const drain = async () => {
      for await (const _part of withFallback([late, unused]).stream(request)) {
        // drain
      }
    };
    await expect(drain()).rejects.toThrow("cut");
    expect(unused.calls).toHaveLength(0);
  });

  test("an empty chain is refused", () => {
    expect(() => withFallback([])).toThrow(QuireError);
  });
});
