import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  startTestModelServer,
  startTestToolEndpoint,
  type TestModelServer,
  type TestToolEndpoint,
} from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { evalFolder, runQuireInProcess } from "./eval-cli-harness.js";

let models: TestModelServer;
/** The operator's weather endpoint on loopback. */
let tools: TestToolEndpoint;

beforeAll(async () => {
  tools = await startTestToolEndpoint((call, response) => {
    response.end(JSON.stringify({ celsius: call.body.arguments.city === "Oslo" ? 4 : 21 }));
  });
  // ReAct: act once, then answer with the observation the tool sent back.
  models = await startTestModelServer({
    reply: (request) => {
      const sent = JSON.stringify(request.body);
      const observed = /celsius\\":(\d+)/.exec(sent)?.[1];
      if (observed !== undefined) {
        return { type: "text", text: `Final Answer: ${observed} degrees` };
      }
      const city = /Weather in (\w+)/.exec(request.lastUserText)?.[1] ?? "";
      return {
        type: "text",
        text: `Thought: look it up\nAction: weather\nAction Input: {"city": "${city}"}`,
      };
    },
  });
});

afterAll(async () => {
  await models.close();
  await tools.close();
});

const agentPrompt = (tools: string) =>
  `---\nconfig:\n  strategy: react\n  maxSteps: 3\n  tools: [${tools}]\n---\nWeather in {{city}}?\n`;

describe("quire eval with quire.toml's [[tools]]", () => {
  test("ReAct prompts call the configured tool; a prompt naming an unconfigured tool errors its cells", async () => {
    const folder = evalFolder(models.baseUrl, ["echo"]);
    appendFileSync(
      path.join(folder, "quire.toml"),
      [
        "[[tools]]",
        'name = "weather"',
        `url = "${tools.url}/weather"`,
        'parameters = { type = "object", properties = { city = { type = "string" } } }',
        "",
      ].join("\n"),
    );
    writeFileSync(path.join(folder, "agent.prompt"), agentPrompt("weather"));
    writeFileSync(path.join(folder, "lost.prompt"), agentPrompt("weather, search"));
    writeFileSync(
      path.join(folder, "quire.eval.yaml"),
      [
        "prompts: [agent.prompt, lost.prompt]",
        "providers: [local/echo]",
        "tests:",
        "  - { id: oslo, vars: { city: Oslo }, assert: [{ type: equals, value: 4 degrees }] }",
        "",
      ].join("\n"),
    );
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--output", "json"],
      {
        cwd: folder,
      },
    );
    const report = JSON.parse(run.stdout) as EvalReport;
    const agent = report.results.find((cell) => cell.promptId === "agent.prompt");
    const lost = report.results.find((cell) => cell.promptId === "lost.prompt");
    expect(tools.calls.map((call) => call.body.arguments)).toEqual([{ city: "Oslo" }]);
    expect(agent).toMatchObject({ status: "passed", output: "4 degrees" });
    expect(lost?.status).toBe("errored");
    expect(lost?.error?.message).toContain('"search"');
    expect(lost?.error?.message).toContain("[[tools]]");
  });
});
