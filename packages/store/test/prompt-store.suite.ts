import { afterAll, beforeAll, describe } from "vitest";
import type { PromptStore } from "../src/index.js";
import { registerApiKeyTests } from "./suite/api-key-tests.js";
import { registerChangeEventTests } from "./suite/change-event-tests.js";
import { registerFailureTests } from "./suite/failure-tests.js";
import { registerLabelTests } from "./suite/label-tests.js";
import { registerListingTests } from "./suite/listing-tests.js";
import { registerPromptAndVersionTests } from "./suite/prompt-and-version-tests.js";
import type { SuiteContext } from "./suite/store-fixtures.js";

export interface StoreFactory {
  /** Opens the store under test; called once per test file, in `beforeAll`. */
  open(): Promise<PromptStore>;
  /** Runs after the store is closed (remove the folder, drop the database). */
  cleanup?(): Promise<void>;
}

/**
 * The behaviour every PromptStore must have, whatever its database. Tests share one store per
 * file and keep apart by using prompt names no other test uses.
 */
export function registerPromptStoreSuite(factory: StoreFactory): void {
  let store: PromptStore | undefined;
  let counter = 0;
  const context: SuiteContext = {
    store: () => {
      if (store === undefined) throw new Error("the store is not open: did beforeAll fail?");
      return store;
    },
    uniqueName: (suffix = "prompt") => {
      counter += 1;
      return `t${counter}/${suffix}`;
    },
  };

  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  describe("prompts and versions", () => registerPromptAndVersionTests(context));
  describe("labels", () => registerLabelTests(context));
  describe("listing and search", () => registerListingTests(context));
  describe("failed writes", () => registerFailureTests(context));
  describe("API keys", () => registerApiKeyTests(context));
  describe("change events", () => registerChangeEventTests(context));
}
