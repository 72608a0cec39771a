import { isQuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "./tool-registry.js";
import { readVersionTools, toolsForRun } from "./version-tools.js";

const parameters = { type: "object", properties: { query: { type: "string" } } };
const registry = new ToolRegistry([
  { name: "search", parameters, url: "http://127.0.0.1:8080/search" },
  { name: "weather", parameters, url: "http://127.0.0.1:8080/weather" },
]);
const calendar = { name: "calendar", description: "The user's calendar", parameters };

function refusal(run: () => unknown): { message: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (isQuireError(error) && error.code === "VALIDATION_FAILED") {
      return { message: error.message, details: error.details };
    }
    throw error;
  }
  throw new Error("expected the tools to be refused");
}

describe("readVersionTools", () => {
  it("gives the configured tools config.tools names, and the definitions as client-side tools", () => {
    const tools = readVersionTools(
      { tools: ["weather", "calendar"], toolDefinitions: [calendar] },
      registry,
      '"travel/plan" v2',
    );
    expect(tools.tools.map((tool) => tool.name)).toEqual(["weather"]);
    expect(tools.clientTools).toEqual([calendar]);
    expect(readVersionTools({ model: "x" }, registry, "v")).toEqual({ tools: [], clientTools: [] });
  });

  it("refuses a name no tool has, naming it, listing the configured ones and suggesting one", () => {
    const { message, details } = refusal(() =>
      readVersionTools({ tools: ["serch", "stocks"] }, registry, '"travel/plan" v2'),
    );
    expect(message).toMatch(
      /^config\.tools of "travel\/plan" v2 names "serch", "stocks", which are not configured tools \(configured tools: search, weather\)\. Configure them .* Did you mean "search" for "serch"\?$/,
    );
    expect(details).toMatchObject({
      unknown: ["serch", "stocks"],
      configured: ["search", "weather"],
    });
    expect(refusal(() => readVersionTools({ tools: ["search"] }, undefined, "v")).message).toMatch(
      /configured tools: none/,
    );
  });

  it("refuses malformed values, repeated names and definitions named like a configured tool", () => {
    expect(refusal(() => readVersionTools({ tools: "search" }, registry, "v")).message).toMatch(
      /^The tools of v are invalid: config\.tools: /,
    );
    expect(
      refusal(() =>
        readVersionTools(
          { toolDefinitions: [{ name: "x", parameters: { type: "string" } }] },
          registry,
          "v",
        ),
      ).message,
    ).toMatch(/config\.toolDefinitions\.0\.parameters: must be a JSON Schema of an object/);
    expect(
      refusal(() => readVersionTools({ tools: ["search", "search"] }, registry, "v")).message,
    ).toMatch(/name "search" twice/);
    expect(
      refusal(() =>
        readVersionTools({ toolDefinitions: [{ ...calendar, name: "search" }] }, registry, "v"),
      ).message,
    ).toMatch(/defines "search", already a configured tool of this server/);
  });
});

describe("toolsForRun", () => {
  const target = (
    strategy: string | undefined,
    config: Record<string, unknown>,
    version: number | null = 3,
  ) => ({
    name: "travel/plan",
    rendered: { version },
    config,
    strategy: strategy === undefined ? undefined : { strategy },
  });

  it("refuses ReAct and tool calling without tools, and ReAct with client-side tools", () => {
    expect(refusal(() => toolsForRun(target("react", {}), registry)).message).toBe(
      'The react strategy of "travel/plan" v3 needs tools, and its config names none: list configured tools in config.tools (configured: search, weather).',
    );
    expect(refusal(() => toolsForRun(target("tool-calling", {}, null))).message).toMatch(
      /^The tool-calling strategy of the draft of "travel\/plan" needs tools.*add \[\[tools\]\] tables to quire\.toml\), or declare tools the application runs in config\.toolDefinitions\.$/,
    );
    expect(
      refusal(() => toolsForRun(target("react", { toolDefinitions: [calendar] }), registry))
        .message,
    ).toMatch(
      /^The react strategy of "travel\/plan" v3 runs every tool on the server, and config\.toolDefinitions \(calendar\) have no handler/,
    );
    expect(
      toolsForRun(target("tool-calling", { toolDefinitions: [calendar] }), registry).clientTools,
    ).toHaveLength(1);
    expect(toolsForRun(target(undefined, {}), registry)).toEqual({ tools: [], clientTools: [] });
  });
});
