import type { AssertionInput, AssertionServices } from "@quire/core";
import { JavaScriptSandbox, type JavaScriptSandboxOptions } from "./javascript-sandbox.js";

type RunJavaScript = NonNullable<AssertionServices["runJavaScript"]>;

/**
 * promptfoo's reading of a `javascript` assertion's source: with a line break it is a function
 * body (`return` what it decides); on one line it is an expression, returned as is.
 */
export function javascriptFunctionBody(source: string): string {
  return source.includes("\n") ? source : `return ${source}`;
}

/**
 * The `context` argument, after promptfoo's (`vars`, `prompt`, `test`), plus what Quire measured.
 * Plain JSON: it is copied into the sandbox.
 */
export function javascriptContextOf(input: AssertionInput): Record<string, unknown> {
  return {
    vars: input.variables,
    prompt: input.prompt,
    expected: input.expected,
    test: { vars: input.variables, expected: input.expected },
    latencyMs: input.latencyMs,
    costUsd: input.costUsd,
    tokens: input.tokens,
  };
}

/** A `runJavaScript` service over its own sandbox (close it when done). */
export function createJavaScriptRunner(options: JavaScriptSandboxOptions = {}): {
  runJavaScript: RunJavaScript;
  close: () => Promise<void>;
} {
  const sandbox = new JavaScriptSandbox(options);
  return {
    runJavaScript: (source, input, runOptions) =>
      sandbox.run({
        body: javascriptFunctionBody(source),
        inputJson: JSON.stringify({ output: input.output, context: javascriptContextOf(input) }),
        timeoutMs: runOptions.timeoutMs,
      }),
    close: () => sandbox.close(),
  };
}

let shared: JavaScriptSandbox | undefined;

/**
 * Core's `AssertionServices.runJavaScript`: runs a `javascript` assertion isolated in a worker
 * thread (no require, process, network or filesystem; time and memory limited) and resolves to
 * what it returned (boolean, number, or `{pass, score, reason}`); rejects with a QuireError when it
 * throws, times out or runs out of memory. Uses one shared sandbox of two workers.
 */
export const runJavaScriptAssertion: RunJavaScript = (source, input, options) => {
  shared ??= new JavaScriptSandbox();
  return shared.run({
    body: javascriptFunctionBody(source),
    inputJson: JSON.stringify({ output: input.output, context: javascriptContextOf(input) }),
    timeoutMs: options.timeoutMs,
  });
};
