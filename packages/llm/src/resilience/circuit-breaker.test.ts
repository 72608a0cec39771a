import { modelError, modelErrorClassOf } from "@quire/core";
import { describe, expect, test } from "vitest";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { CircuitBreakers } from "./circuit-breaker.js";
import { withCircuitBreaker } from "./with-circuit-breaker.js";

const request = {
  messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }],
};
const down = () => modelError("unavailable", "down");

describe("circuit breaker", () => {
  test("opens after N consecutive failures and refuses calls without calling the provider", async () => {
    const clock = createFakeClock();
    const breakers = new CircuitBreakers({ failureThreshold: 3, coolDownMs: 10_000, clock });
    const model = stubLanguageModel("acme/m", [{ error: down() }]);
    const guarded = withCircuitBreaker(model, breakers);
    for (let call = 0; call < 3; call += 1)
      await expect(guarded.generate(request)).rejects.toThrow("down");
    expect(breakers.states()).toEqual({ acme: "open" });
    const refusal = await guarded.generate(request).catch((error: unknown) => error);
    expect(modelErrorClassOf(refusal)).toBe("unavailable");
    expect((refusal as { retryable: boolean }).retryable).toBe(false);
    expect((refusal as Error).message).toContain('provider "acme" failed 3 times in a row');
    expect((refusal as { details: Record<string, unknown> }).details).toMatchObject({
      circuit: "open",
      retryAfterSeconds: 10,
    });
    expect(model.calls).toHaveLength(3);
  });

  test("after the cool-down one probe passes; its success closes the circuit", async () => {
    const clock = createFakeClock();
    const breakers = new CircuitBreakers({ failureThreshold: 1, coolDownMs: 1_000, clock });
    const model = stubLanguageModel("acme/m", [{ error: down() }, { hang: true }, { text: "ok" }]);
    const guarded = withCircuitBreaker(model, breakers);
    await expect(guarded.generate(request)).rejects.toThrow("down");
    await clock.advance(1_000);
    expect(breakers.for("acme").state).toBe("half-open");
    const controller = new AbortController();
    const probe = guarded.generate({ ...request, abortSignal: controller.signal });
    // While the probe is out, other calls are refused.
    await expect(guarded.generate(request)).rejects.toThrow("being probed");
    controller.abort(new Error("probe abandoned"));
    await expect(probe).rejects.toThrow("probe abandoned");
    // An abandoned probe says nothing: the next call is the probe.
    expect((await guarded.generate(request)).text).toBe("ok");
    expect(breakers.for("acme").state).toBe("closed");
  });

  test("a failed probe opens the circuit for another cool-down", async () => {
    const clock = createFakeClock();
    const breakers = new CircuitBreakers({ failureThreshold: 2, coolDownMs: 1_000, clock });
    const guarded = withCircuitBreaker(stubLanguageModel("acme/m", [{ error: down() }]), breakers);
    await expect(guarded.generate(request)).rejects.toThrow("down");
    await expect(guarded.generate(request)).rejects.toThrow("down");
    await clock.advance(1_000);
    await expect(guarded.generate(request)).rejects.toThrow("down");
    expect(breakers.for("acme").state).toBe("open");
    await clock.advance(999);
    expect(breakers.for("acme").state).toBe("open");
    await clock.advance(1);
    expect(breakers.for("acme").state).toBe("half-open");
  });

  test("errors that show the provider answering reset the count; providers are separate", async () => {
    const clock = createFakeClock();
    const breakers = new CircuitBreakers({ failureThreshold: 2, clock });
    const flaky = withCircuitBreaker(
      stubLanguageModel("acme/m", [
        { error: down() },
        { error: modelError("context-too-long", "too long") },
        { error: down() },
      ]),
      breakers,
    );
    for (let call = 0; call < 3; call += 1) await flaky.generate(request).catch(() => undefined);
    expect(breakers.for("acme").state).toBe("closed");
    const other = withCircuitBreaker(stubLanguageModel("other/m", [{ error: down() }]), breakers);
    await other.generate(request).catch(() => undefined);
    await other.generate(request).catch(() => undefined);
    expect(breakers.states()).toEqual({ acme: "closed", other: "open" });
  });

  test("streams count when they finish or fail", async () => {
    const breakers = new CircuitBreakers({ failureThreshold: 1, clock: createFakeClock() });
    const guarded = withCircuitBreaker(
      stubLanguageModel("acme/m", [{ text: "a b" }, { error: down() }]),
      breakers,
    );
    for await (const _part of guarded.stream!(request)) {
      // drain
    }
    expect(breakers.for("acme").state).toBe("closed");
    const drain = async () => {
      for await (const _part of guarded.stream!(request)) {
        // drain
      }
    };
    await expect(drain()).rejects.toThrow("down");
    expect(breakers.for("acme").state).toBe("open");
  });
});
