import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../src/index.js";
import { registerPromptStoreSuite } from "./prompt-store.suite.js";

describe("PromptStore on PGlite", () => {
  let dataDirectory = "";
  registerPromptStoreSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-store-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
  });
});
