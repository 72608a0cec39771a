import {
  type AssertionHandler,
  type AssertionOutcome,
  checkUnitThreshold,
  errored,
  formatScore,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { describeFailure, rethrowIfCancelled } from "./model-call.js";

/** Default time limit of a javascript assertion. */
export const defaultJavaScriptTimeoutMs = 5000;
/** How long past its limit core waits for a runner that does not stop it itself. */
const graceMs = 250;

function timeoutOf(spec: AssertionSpec): number {
  const timeout = spec.options?.timeoutMs;
  return typeof timeout === "number" && timeout > 0 ? timeout : defaultJavaScriptTimeoutMs;
}

class JavaScriptTimeout extends Error {}

/** Reads what the function returned: boolean, a 0–1 number, or {pass, score, reason}. */
export function outcomeOfReturn(
  returned: unknown,
  threshold: number | undefined,
): AssertionOutcome {
  if (typeof returned === "boolean") {
    return {
      pass: returned,
      score: returned ? 1 : 0,
      reason: returned
        ? "the javascript check returned true"
        : "the javascript check returned false",
    };
  }
  if (typeof returned === "number") {
    if (!(returned >= 0 && returned <= 1)) {
      return errored(
        `the javascript check returned ${returned}; return a score between 0 and 1, a boolean, or {pass, score, reason}`,
      );
    }
    const pass = threshold === undefined ? returned > 0 : returned >= threshold;
    return {
      pass,
      score: returned,
      reason: `the javascript check scored ${formatScore(returned)}${threshold === undefined ? "" : ` (threshold ${threshold})`}`,
    };
  }
  if (typeof returned === "object" && returned !== null && !Array.isArray(returned)) {
    const { pass, score, reason } = returned as Record<string, unknown>;
    const scoreOk = score === undefined || (typeof score === "number" && score >= 0 && score <= 1);
    if (typeof pass === "boolean" && scoreOk) {
      const value = typeof score === "number" ? score : pass ? 1 : 0;
      return {
        pass: pass && (threshold === undefined || value >= threshold),
        score: value,
        reason:
          typeof reason === "string" && reason !== ""
            ? reason
            : `the javascript check returned pass: ${pass}`,
      };
    }
  }
  const shown = JSON.stringify(returned)?.slice(0, 120) ?? String(returned);
  return errored(
    `the javascript check returned ${shown}; return a boolean, a score between 0 and 1, or {pass: boolean, score?: number, reason?: string}`,
  );
}

const javascript: AssertionHandler = {
  requiresValue: true,
  keepsValueRaw: true,
  check(spec) {
    if (spec.value !== undefined && typeof spec.value !== "string") {
      return {
        field: "value",
        message: "javascript needs the function's source code as its value",
      };
    }
    return checkUnitThreshold(spec);
  },
  async evaluate({ spec, value, input, services }) {
    const run = services.runJavaScript;
    if (run === undefined) {
      return errored(
        services.unavailableReasons?.runJavaScript ??
          "javascript assertions are not allowed here: the project must allow javascript assertions (they run user code) for this check to run",
      );
    }
    if (typeof value !== "string")
      return errored("javascript needs the function's source code as its value");
    const timeoutMs = timeoutOf(spec);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new JavaScriptTimeout()), timeoutMs + graceMs);
    });
    try {
      const returned = await Promise.race([run(value, input, { timeoutMs }), limit]);
      return outcomeOfReturn(returned, spec.threshold);
    } catch (error) {
      rethrowIfCancelled(services.signal);
      if (error instanceof JavaScriptTimeout || /time(d)? ?out/i.test(describeFailure(error))) {
        return errored(
          `the javascript check did not finish within ${timeoutMs} ms (does it loop forever?)`,
        );
      }
      return errored(`the javascript check threw: ${describeFailure(error)}`);
    } finally {
      clearTimeout(timer);
    }
  },
};

/** javascript. */
export const javascriptAssertions: Record<string, AssertionHandler> = { javascript };
