import { QuireError } from "@quire/core";
import { createColors } from "picocolors";
import { describe, expect, test } from "vitest";
import type { CliContext } from "../cli-context.js";
import { printError } from "./print-error.js";

function contextWith(environment: Record<string, string>): {
  context: CliContext;
  stderr: () => string;
} {
  let written = "";
  const context: CliContext = {
    workingDirectory: "/",
    environment,
    stdout: { write: () => true },
    stderr: { write: (text: string) => (written += text) },
    colors: createColors(false),
    stopRequested: () => new Promise(() => undefined),
  };
  return { context, stderr: () => written };
}

describe("printError", () => {
  const error = new QuireError("TEMPLATE_SYNTAX", "Handlebars syntax error at line 2, column 5", {
    details: { line: 2, column: 5, excerpt: "2 | Hello {{name\n  |     ^" },
  });

  test("prints the message and the excerpt, without a stack trace", () => {
    const { context, stderr } = contextWith({});
    printError(context, error);
    expect(stderr()).toBe(
      "error: Handlebars syntax error at line 2, column 5\n  2 | Hello {{name\n    |     ^\n",
    );
  });

  test("lists a server's validation issues", () => {
    const { context, stderr } = contextWith({});
    printError(
      context,
      new QuireError("VALIDATION_FAILED", "2 problems", {
        details: {
          issues: [
            { path: ["a"], message: "too long" },
            { path: "b", message: "missing" },
          ],
        },
      }),
    );
    expect(stderr()).toBe("error: 2 problems\n  - a: too long\n  - b: missing\n");
  });

  test("QUIRE_DEBUG=1 adds the code, the details and the stack", () => {
    const { context, stderr } = contextWith({ QUIRE_DEBUG: "1" });
    printError(context, error);
    expect(stderr()).toContain("code: TEMPLATE_SYNTAX");
    expect(stderr()).toMatch(/\n\s+at /);
  });
});
