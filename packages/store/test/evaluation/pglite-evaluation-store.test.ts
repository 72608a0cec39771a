import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import { registerEvaluationStoreSuite } from "./evaluation-store.suite.js";

describe("EvaluationStore on PGlite", () => {
  let dataDirectory = "";
  registerEvaluationStoreSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-evaluation-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
  });
});
