import type { GenerateRequest, GenerateResult, LanguageModel, StreamPart } from "@quire/core";

/** What the stub does on its n-th call (0-based): answer, throw, or never settle. */
export type StubStep =
  | { text: string; usage?: GenerateResult["usage"]; finishReason?: GenerateResult["finishReason"] }
  | { error: unknown }
  | { hang: true };

export interface StubLanguageModel extends LanguageModel {
  /** The requests received, in order. */
  readonly calls: GenerateRequest[];
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
}

/**
 * A language model for wrapper tests, with no I/O: each call takes the next step (the last step
 * repeats). A hanging call settles only when its abort signal fires (with the signal's reason).
 * Streams send the text word by word, then the finish part; an error step fails before any part,
 * unless `errorAfterParts` says how many parts to send first.
 */
export function stubLanguageModel(
  modelId: string,
  steps: readonly StubStep[],
  options: { errorAfterParts?: number } = {},
): StubLanguageModel {
  const calls: GenerateRequest[] = [];
  const stepFor = (index: number): StubStep => {
    const step = steps[Math.min(index, steps.length - 1)];
    if (step === undefined) throw new Error("stubLanguageModel needs at least one step");
    return step;
  };
  const resultOf = (step: { text: string } & Partial<GenerateResult>): GenerateResult => ({
    text: step.text,
    toolCalls: [],
    finishReason: step.finishReason ?? "stop",
    ...(step.usage === undefined ? {} : { usage: step.usage }),
    modelId,
  });
  const hang = (request: GenerateRequest) =>
    new Promise<never>((_, reject) => {
      const signal = request.abortSignal;
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  return {
    modelId,
    calls,
    async generate(request) {
      const step = stepFor(calls.length);
      calls.push(request);
      if ("error" in step) throw step.error;
      if ("hang" in step) return hang(request);
      return resultOf(step);
    },
    stream(request) {
      const step = stepFor(calls.length);
      calls.push(request);
      return (async function* (): AsyncGenerator<StreamPart> {
        if ("hang" in step) await hang(request);
        if ("error" in step) {
          for (let index = 0; index < (options.errorAfterParts ?? 0); index += 1) {
            yield { type: "text-delta", text: `part${index} ` };
          }
          throw step.error;
        }
        if ("text" in step) {
          for (const word of step.text.match(/\S+\s*/g) ?? [])
            yield { type: "text-delta", text: word };
          yield { type: "finish", result: resultOf(step) };
        }
      })();
    },
  };
}
