import type { EngineName } from "../../../prompts/prompt-content.js";

/**
 * One server-side template injection payload: a template an attacker could save, written from
 * the public knowledge of an engine's escapes. Payloads that would run code call
 * `quireSstiCanary()` (a function the tests put on globalThis and expect never to be called) or
 * read `process.env.SECRET_CANARY` (a value the tests set and expect never to see), instead of
 * what the original exploits ran.
 */
export interface SstiPayload {
  /** What it tries, and the public technique it comes from. */
  technique: string;
  source: string;
  partials?: Record<string, string>;
}

export type SstiCorpus = Record<EngineName, SstiPayload[]>;

/** The variables every payload is rendered with: what a request could send (plain JSON). */
export function sstiVariables(): Record<string, unknown> {
  return {
    name: "Ada",
    text: "hello world",
    user: { name: "Ada", roles: ["admin"], profile: { city: "Paris" } },
    items: [1, 2, 3],
    entries: [{ a: 2 }, { a: 1 }],
    // JSON cannot carry functions: a "lambda" arrives as a string and stays one.
    lambda: "return quireSstiCanary();",
    toLiquid: "not a function",
    partialName: "../../../etc/passwd",
  };
}
