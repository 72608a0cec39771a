import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../src/index.js";
import { registerResponseCacheStorageSuite } from "./response-cache-storage.suite.js";

describe("response cache storage on PGlite", () => {
  let dataDirectory = "";
  registerResponseCacheStorageSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-response-cache-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
    // The store opens PGlite with its vector extension.
    vectorInstalled: async () => true,
  });
});
