import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { dosPayloads, dosVariables, nested } from "./__fixtures__/ssti/dos-payloads.js";
import { sstiCorpus, sstiVariables } from "./__fixtures__/ssti/index.js";
import { getTemplateEngine } from "./get-template-engine.js";

/**
 * Server-side template injection, engine by engine: every payload of the corpus is compiled and
 * rendered as an attacker would (template saved, then rendered with request variables). Nothing
 * may run (the canary function on globalThis is never called), nothing secret may come out
 * (process.env.SECRET_CANARY never appears in output or error), no prototype may change, and
 * the result is a string or a QuireError — never a crash or another error.
 */

const secret = `secret-${Math.random().toString(36).slice(2)}`;
const canary = vi.fn(() => secret);
const engines = Object.keys(sstiCorpus) as EngineName[];
const prototypeKeys = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  string: Object.getOwnPropertyNames(String.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
});
const allowedCodes = ["TEMPLATE_SYNTAX", "TEMPLATE_RENDER"];
const canaryGlobal = globalThis as { quireSstiCanary?: unknown };

let prototypesBefore: ReturnType<typeof prototypeKeys>;

beforeAll(() => {
  canaryGlobal.quireSstiCanary = canary;
  vi.stubEnv("SECRET_CANARY", secret);
  prototypesBefore = prototypeKeys();
});

afterAll(() => {
  delete canaryGlobal.quireSstiCanary;
  vi.unstubAllEnvs();
});

interface Outcome {
  output?: string;
  code?: string;
  text: string;
  milliseconds: number;
}

function attempt(
  engine: EngineName,
  source: string,
  variables: Record<string, unknown>,
  partials?: Record<string, string>,
): Outcome {
  const started = performance.now();
  try {
    const render = getTemplateEngine(engine).compile(source, partials ? { partials } : {});
    const output = render(variables);
    return { output, text: output, milliseconds: performance.now() - started };
  } catch (error) {
    if (!isQuireError(error)) throw error;
    expect(allowedCodes).toContain(error.code);
    return {
      code: error.code,
      text: `${error.message} ${JSON.stringify(error.details)}`,
      milliseconds: performance.now() - started,
    };
  }
}

describe.each(engines)("%s: template injection corpus", (engine) => {
  it("has at least ten payloads, each citing its technique", () => {
    expect(sstiCorpus[engine].length).toBeGreaterThanOrEqual(10);
    for (const payload of sstiCorpus[engine]) expect(payload.technique.length).toBeGreaterThan(10);
  });

  it.each(sstiCorpus[engine].map((payload) => [payload.technique, payload] as const))(
    "%s: runs nothing, reads no secret, changes no prototype",
    (_technique, payload) => {
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const outcome = attempt(engine, payload.source, sstiVariables(), payload.partials);
        expect(canary).not.toHaveBeenCalled();
        expect(outcome.text).not.toContain(secret);
        // No function objects come out as text (their source code or [native code]).
        expect(outcome.output ?? "").not.toMatch(/native code|function\s*\w*\s*\(|=>/);
        expect(prototypeKeys()).toEqual(prototypesBefore);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        // Templates have no side effects on the host: nothing written to the console.
        expect(log).not.toHaveBeenCalled();
        expect(error).not.toHaveBeenCalled();
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    },
  );

  it.each(dosPayloads[engine].map((payload) => [payload.technique, payload] as const))(
    "%s: is stopped by a render limit, promptly",
    (_technique, payload) => {
      const outcome = attempt(engine, payload.source, dosVariables(), payload.partials);
      if (payload.stoppedBy.length === 0) {
        expect(outcome.code).toBeUndefined();
      } else {
        expect(outcome.code, outcome.text).toBe("TEMPLATE_RENDER");
        const limit = /"limit":"(\w+)"/.exec(outcome.text)?.[1];
        expect(payload.stoppedBy).toContain(limit);
      }
      // 100 ms of budget plus the first clock reading's lag and a loaded machine's noise.
      expect(outcome.milliseconds).toBeLessThan(1500);
    },
  );

  it("renders deeply nested and very large variables without failing other than by a limit", () => {
    const source = {
      handlebars: "{{deep.child.child.leaf}}{{json deep}}{{text.length}}",
      jinja2: "{{ deep.child.child.leaf }}{{ deep | dump }}{{ text | length }}",
      liquid: "{{ deep.child.child.leaf }}{{ deep | json }}{{ text.size }}",
      mustache: "{{deep.child.child.leaf}}{{#deep}}{{#child}}x{{/child}}{{/deep}}{{text}}",
    }[engine];
    const outcome = attempt(engine, source, {
      deep: nested(100_000),
      text: "y".repeat(2_000_000),
    });
    if (outcome.code !== undefined) {
      expect(outcome.code).toBe("TEMPLATE_RENDER");
      expect(outcome.text).toMatch(/"limit":"(nestingDepth|maxOutputBytes|liquidMemory)"/);
    }
    expect(outcome.milliseconds).toBeLessThan(3000);
  });
});
