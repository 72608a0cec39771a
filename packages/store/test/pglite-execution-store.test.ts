import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../src/index.js";
import { registerExecutionStoreSuite } from "./execution-store.suite.js";

describe("ExecutionStore on PGlite", () => {
  let dataDirectory = "";
  registerExecutionStoreSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-executions-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
  });
});
