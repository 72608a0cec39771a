import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import { registerIdempotencyStoreSuite } from "./idempotency-store.suite.js";

describe("idempotency keys on PGlite", () => {
  let dataDirectory = "";
  registerIdempotencyStoreSuite({
    open: async () => {
      dataDirectory = await mkdtemp(join(tmpdir(), "quire-idempotency-"));
      return openStore({ dataDirectory });
    },
    cleanup: () => rm(dataDirectory, { recursive: true, force: true }),
  });
});
