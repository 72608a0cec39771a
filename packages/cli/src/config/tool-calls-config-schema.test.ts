import { describe, expect, test } from "vitest";
import { refusalOf } from "../../test/config-refusal.js";
import { parseConfigText } from "./load-config-file.js";

const problemsOf = refusalOf;

describe("[toolCalls] in quire.toml", () => {
  test("gives the bounds on one round's tool calls, beside the [[tools]] list", () => {
    const config = parseConfigText(
      '[toolCalls]\nmaxParallel = 2\nmaxPerRound = 8\n\n[[tools]]\nname = "search"\nurl = "http://127.0.0.1:8080/search"\nparameters = { type = "object" }\n',
      "quire.toml",
    );
    expect(config.toolCalls).toEqual({ maxParallel: 2, maxPerRound: 8 });
    expect(config.tools?.map((tool) => tool.name)).toEqual(["search"]);
  });

  test("names the key and the range of a bad value, and a misspelt key", () => {
    expect(problemsOf("[toolCalls]\nmaxParallel = 0\n")).toContain(
      "must be a whole number of calls from 1 to 64",
    );
    expect(problemsOf("[toolCalls]\nmaxPerRound = 2.5\n")).toContain(
      "must be a whole number of calls from 1 to 1000",
    );
    expect(problemsOf("[toolCalls]\nmaxParalel = 2\n")).toMatch(/maxParalel.*maxParallel/s);
  });
});
