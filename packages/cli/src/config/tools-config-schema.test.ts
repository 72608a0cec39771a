import { ToolRegistry } from "@quire/server";
import { describe, expect, test } from "vitest";
import { refusalOf } from "../../test/config-refusal.js";
import { parseConfigText } from "./load-config-file.js";

const problemsOf = refusalOf;

const search = `
[[tools]]
name = "search"
description = "Searches the docs"
parameters = { type = "object", properties = { query = { type = "string" } }, required = ["query"] }
url = "http://127.0.0.1:8080/search"
timeoutMs = 5000
maxResponseBytes = 4096
headers = { Authorization = "SEARCH_AUTHORIZATION" }
`;

describe("[[tools]] in quire.toml", () => {
  test("gives the tool configuration the server's registry takes", () => {
    const config = parseConfigText(search, "quire.toml");
    expect(config.tools).toEqual([
      {
        name: "search",
        description: "Searches the docs",
        parameters: {
          type: "object",
          properties: { query: { type: "string" } },
          required: ["query"],
        },
        url: "http://127.0.0.1:8080/search",
        timeoutMs: 5000,
        maxResponseBytes: 4096,
        headers: { Authorization: "SEARCH_AUTHORIZATION" },
      },
    ]);
    const registry = new ToolRegistry(config.tools, { SEARCH_AUTHORIZATION: "Bearer x" });
    expect(registry.names()).toEqual(["search"]);
    expect(registry.problems()).toEqual([]);
  });

  test("bad values are reported by key", () => {
    const text = problemsOf(`
[[tools]]
name = "web search"
parameters = { type = "string" }
url = "ftp://example.com/search"
timeoutMs = 0
maxResponseBytes = "big"

[[tools]]
name = "lookup"
parameters = "query"
url = "http://127.0.0.1:8080/lookup"

`);
    expect(text).toContain('tools.0.name must be 1–64 letters, digits, "_" or "-"');
    expect(text).toContain('tools.0.parameters must describe an object (type = "object")');
    expect(text).toContain("tools.0.url must be an http:// or https:// URL");
    expect(text).toContain(
      "tools.0.timeoutMs must be a whole number of milliseconds from 1 to 600000, got 0",
    );
    expect(text).toContain(
      'tools.0.maxResponseBytes must be a whole number of bytes from 1 to 16777216, got "big"',
    );
    expect(text).toContain("tools.1.parameters must be a JSON Schema as an inline table");
  });

  test("two tools with one name are refused", () => {
    const lookup =
      '[[tools]]\nname = "lookup"\nparameters = { type = "object" }\nurl = "http://127.0.0.1:8080/lookup"\n';
    expect(problemsOf(lookup + lookup)).toContain(
      "tools.1.name repeats the name of tools entry 1; each tool needs its own",
    );
  });

  test("an unknown key gets the known ones and a suggestion", () => {
    expect(problemsOf(`${search}timeout = 3000\n`)).toContain(
      'unknown key "timeout" in [tools.0] of quire.toml (known: name, description, parameters, url, timeoutMs, headers, maxResponseBytes); did you mean "timeoutMs"?',
    );
    expect(problemsOf('[[tool]]\nname = "x"\n')).toContain('did you mean "tools"?');
  });

  test("a secret pasted where a variable's name belongs is refused without being shown", () => {
    const text = problemsOf(
      search.replace('"SEARCH_AUTHORIZATION"', '"Bearer sk-live-abc123secret"'),
    );
    expect(text).toContain(
      "tools.0.headers must map each header to the *name* of the environment variable",
    );
    expect(text).not.toContain("sk-live-abc123secret");
  });
});
