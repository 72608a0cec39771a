import { createHash } from "node:crypto";
import { canonicalJson, isQuireError, type PromptContent } from "@quire/core";
import { expect } from "vitest";
import type { NewPrompt, NewVersion, PromptChangedEvent, PromptStore } from "../../src/index.js";

/** What each group of the shared suite gets: the store under test and fresh names. */
export interface SuiteContext {
  store(): PromptStore;
  /** A prompt name no other test of this file uses, e.g. `t7/support/triage`. */
  uniqueName(suffix?: string): string;
}

export function textContent(
  template: string,
  overrides: Partial<PromptContent> = {},
): PromptContent {
  return {
    type: "text",
    engine: "handlebars",
    template,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
    ...overrides,
  };
}

export function hashContent(content: PromptContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export function newPrompt(name: string, overrides: Partial<NewPrompt> = {}): NewPrompt {
  const content = overrides.content ?? textContent(`Hello {{name}} from ${name}`);
  return {
    name,
    description: `About ${name}`,
    tags: [],
    content,
    contentHash: hashContent(content),
    provenance: { message: "first", author: "ada" },
    labels: [],
    ...overrides,
  };
}

export function newVersion(
  name: string,
  template: string,
  overrides: Partial<NewVersion> = {},
): NewVersion {
  const content = overrides.content ?? textContent(template);
  return {
    name,
    content,
    contentHash: hashContent(content),
    provenance: { message: `set ${template}`, author: "grace" },
    labels: [],
    ...overrides,
  };
}

/** Awaits a promise that must reject with a QuireError of `code`; returns the error. */
export async function expectQuireError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected a ${code} QuireError`).toBeDefined();
  if (!isQuireError(error)) throw error;
  expect(error.code).toBe(code);
  return error;
}

export const isoUtcPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Collects change events; `next` waits for one matching event (PostgreSQL delivers them async). */
export function collectEvents(store: PromptStore) {
  const events: PromptChangedEvent[] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = store.onPromptChanged((event) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  });
  const waitFor = async (
    predicate: (event: PromptChangedEvent) => boolean,
    timeoutMilliseconds = 2_000,
  ): Promise<PromptChangedEvent> => {
    const deadline = Date.now() + timeoutMilliseconds;
    for (;;) {
      const found = events.find(predicate);
      if (found !== undefined) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`no matching change event; saw ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  return { events, waitFor, unsubscribe };
}
