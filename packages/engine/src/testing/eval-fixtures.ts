/**
 * Stand-ins for the engine's tests and benchmark: prompts that render a fixed template, and a
 * scripted language model that counts its calls and how many run at once. Never a real model.
 */
import type { GenerateRequest, GenerateResult, LanguageModel, TestCase } from "@quire/core";
import type { EvalPrompt } from "../evaluation/eval-plan.js";

/** A prompt rendering `template` with `{{name}}` placeholders filled from the case's variables. */
export function templatePrompt(id: string, template: string): EvalPrompt & { renders: number } {
  const prompt = {
    id,
    label: id,
    renders: 0,
    async render(variables: Record<string, unknown>) {
      prompt.renders += 1;
      const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        const value = variables[name];
        if (value === undefined) throw new Error(`variable ${name} is missing`);
        return String(value);
      });
      return { messages: [{ role: "user" as const, content: [{ type: "text" as const, text }] }] };
    },
  };
  return prompt;
}

/** `count` cases `case-0`…, each with the variable `question` set to `question <n>`. */
export function numberedCases(count: number, extra: Partial<TestCase> = {}): TestCase[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `case-${index}`,
    variables: { question: `question ${index}` },
    ...extra,
  }));
}

export interface CountingModel extends LanguageModel {
  calls: GenerateRequest[];
  inFlight: number;
  maxInFlight: number;
  /** Calls that ended because their abort signal fired. */
  aborted: number;
}

export interface CountingModelOptions {
  /** Milliseconds each call takes (default 0: answers on the next tick). */
  latencyMs?: number | ((request: GenerateRequest) => number);
  /** Throw this for a request instead of answering (undefined: answer). */
  failWith?: (request: GenerateRequest) => unknown;
  /** The answer (default `answer to <last user text>`). */
  reply?: (request: GenerateRequest) => string;
}

export function lastUserText(request: GenerateRequest): string {
  const last = request.messages.at(-1);
  return last === undefined
    ? ""
    : last.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** A model that answers after a delay, counting calls and how many were in flight at once. */
export function countingModel(modelId: string, options: CountingModelOptions = {}): CountingModel {
  const model: CountingModel = {
    modelId,
    calls: [],
    inFlight: 0,
    maxInFlight: 0,
    aborted: 0,
    async generate(request): Promise<GenerateResult> {
      model.calls.push(request);
      model.inFlight += 1;
      model.maxInFlight = Math.max(model.maxInFlight, model.inFlight);
      try {
        const latency =
          typeof options.latencyMs === "function"
            ? options.latencyMs(request)
            : (options.latencyMs ?? 0);
        await new Promise<void>((resolve, reject) => {
          const signal = request.abortSignal;
          if (signal?.aborted) {
            model.aborted += 1;
            reject(signal.reason);
            return;
          }
          const onAbort = () => {
            clearTimeout(timer);
            model.aborted += 1;
            reject(signal?.reason);
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, latency);
          signal?.addEventListener("abort", onAbort, { once: true });
        });
        const failure = options.failWith?.(request);
        if (failure !== undefined) throw failure;
        const text = options.reply?.(request) ?? `answer to ${lastUserText(request)}`;
        return {
          text,
          toolCalls: [],
          finishReason: "stop",
          usage: { inputTokens: 10, outputTokens: 5 },
          modelId,
        };
      } finally {
        model.inFlight -= 1;
      }
    },
  };
  return model;
}

export { cellFixture } from "./cell-fixture.js";
