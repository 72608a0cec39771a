import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import { registerComponentStoreSuite } from "./component-store.suite.js";

describe("component uses on PGlite", () => {
  let dataDirectory = "";
  registerComponentStoreSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-components-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
  });
});
