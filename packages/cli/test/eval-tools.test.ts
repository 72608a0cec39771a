import { appendFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { evalFolder, runQuireInProcess } from "./eval-cli-harness.js";

let models: TestModelServer;
let toolServer: Server;
let toolUrl: string;
const toolArguments: unknown[] = [];

beforeAll(async () => {
  toolServer = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    request.on("end", () => {
      const body = JSON.parse(text) as { arguments: { city?: string } };
      toolArguments.push(body.arguments);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ celsius: body.arguments.city === "Oslo" ? 4 : 21 }));
    });
  });
  await new Promise<void>((resolve) => toolServer.listen(0, "127.0.0.1", resolve));
  toolUrl = `http://127.0.0.1:${(toolServer.address() as AddressInfo).port}`;
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
  toolServer.closeAllConnections();
  await new Promise((resolve) => toolServer.close(resolve));
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
        `url = "${toolUrl}/weather"`,
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
    expect(toolArguments).toEqual([{ city: "Oslo" }]);
    expect(agent).toMatchObject({ status: "passed", output: "4 degrees" });
    expect(lost?.status).toBe("errored");
    expect(lost?.error?.message).toContain('"search"');
    expect(lost?.error?.message).toContain("[[tools]]");
  });
});
