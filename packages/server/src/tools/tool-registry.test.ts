import { isQuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import type { ToolConfig } from "./tool-config.js";
import { ToolRegistry } from "./tool-registry.js";

const search: ToolConfig = {
  name: "search",
  description: "Searches the docs",
  parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  url: "http://127.0.0.1:8080/search",
};

function refusal(configs: unknown[]): string {
  try {
    new ToolRegistry(configs as ToolConfig[]);
  } catch (error) {
    if (isQuireError(error) && error.code === "CONFIG_INVALID") return error.message;
    throw error;
  }
  throw new Error("expected the tools to be refused");
}

describe("ToolRegistry", () => {
  it("offers each configured tool with its description and schema, by name", () => {
    const registry = new ToolRegistry([search, { ...search, name: "weather" }]);
    expect(registry.names()).toEqual(["search", "weather"]);
    expect(registry.has("search")).toBe(true);
    expect(registry.has("Search")).toBe(false);
    expect(registry.strategyTool("search")).toMatchObject({
      name: "search",
      description: "Searches the docs",
      parameters: search.parameters,
    });
    expect(registry.strategyTool("nothing")).toBeUndefined();
    expect(registry.problems()).toEqual([]);
  });

  it("refuses bad entries naming tools[i] and the field", () => {
    expect(refusal([search, search])).toMatch(
      /^Invalid tool configuration: tools\[1\]\.name repeats "search"/,
    );
    expect(refusal([{ ...search, name: "web search" }])).toMatch(/tools\[0\]\.name must be 1–64/);
    expect(refusal([{ ...search, url: "file:///etc/passwd" }])).toMatch(
      /tools\[0\]\.url must be an http/,
    );
    expect(refusal([{ ...search, parameters: { type: "string" } }])).toMatch(
      /tools\[0\]\.parameters must describe an object/,
    );
    expect(refusal([{ ...search, parameters: { type: "object", properties: 3 } }])).toMatch(
      /tools\[0\]\.parameters is not a valid JSON Schema/,
    );
    expect(refusal([{ ...search, timeoutMs: 0 }])).toMatch(
      /tools\[0\]\.timeoutMs must be a whole number of milliseconds/,
    );
    expect(refusal([{ ...search, maxResponseBytes: 1.5 }])).toMatch(/tools\[0\]\.maxResponseBytes/);
    const pasted = refusal([{ ...search, headers: { Authorization: "Bearer sk-live-123" } }]);
    expect(pasted).toMatch(
      /tools\[0\]\.headers\.Authorization must be the name of an environment variable/,
    );
    expect(pasted).not.toContain("sk-live-123");
  });

  it("reads header values from the variables they name; an unset one is a problem, not a crash", () => {
    const registry = new ToolRegistry(
      [{ ...search, headers: { Authorization: "SEARCH_AUTH", "X-Team": "SEARCH_TEAM" } }],
      { SEARCH_AUTH: "Bearer abc" },
    );
    expect(registry.problems()).toEqual([
      'tool "search": header X-Team names the environment variable SEARCH_TEAM, which is not set; the tool\'s calls fail until the server starts with it',
    ]);
  });
});
