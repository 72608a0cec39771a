import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GetPromptResponse, Prompt, RenderResponse } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePrompts } from "../src/index.js";
import { startTestServer } from "./support/test-server.js";

let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "quire-first-start-"));
});
afterAll(async () => {
  await rm(dataDirectory, { recursive: true, force: true });
});

const sampleVariables: Record<string, Record<string, unknown>> = {
  "support/triage": {
    ticket: "I was charged twice this month.",
    customer: { name: "Ada", tier: "pro" },
  },
  "marketing/tagline": { product: "Quire" },
  "examples/few-shot-classifier": {
    categories: ["bug", "question"],
    examples: [
      { text: "The app crashes on start", category: "bug" },
      { text: "How do I export?", category: "question" },
    ],
    input: "Where is the settings page?",
  },
  "examples/summarize": { document: "Quire manages prompts." },
};

describe("the first start", () => {
  it("creates an admin key file (mode 0600) holding a working key, and seeds example prompts", async () => {
    const server = await startTestServer({ dataDirectory, seedExamples: true });
    try {
      const file = await stat(server.server.adminKeyPath);
      expect(server.server.adminKeyPath).toBe(join(dataDirectory, "admin.key"));
      expect(file.mode & 0o777).toBe(0o600);
      expect(server.adminKey).toMatch(/^quire_[A-Za-z0-9_-]{43}$/);

      const listed = await server.request<{ items: Prompt[] }>("GET", "/v1/prompts");
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((prompt) => prompt.name).sort()).toEqual(
        examplePrompts.map((prompt) => prompt.name).sort(),
      );
      const triage = await server.request<GetPromptResponse>("GET", "/v1/prompts/support%2Ftriage");
      expect(triage.body).toMatchObject({ resolvedBy: "label", label: "production" });
      expect(triage.body.version.type).toBe("chat");

      for (const example of examplePrompts) {
        expect(example.inputSchema).toBeDefined();
        const rendered = await server.request<RenderResponse>(
          "POST",
          `/v1/prompts/${encodeURIComponent(example.name)}/render`,
          { body: { variables: sampleVariables[example.name] ?? {}, strict: true } },
        );
        expect(rendered.status, `${example.name}: ${rendered.text.slice(0, 400)}`).toBe(200);
        const output = rendered.body.text ?? JSON.stringify(rendered.body.messages);
        expect(output).not.toContain("{{");
        expect(output).not.toContain("{%");
      }
      const classifier = await server.request<RenderResponse>(
        "POST",
        "/v1/prompts/examples%2Ffew-shot-classifier/render",
        { body: { variables: sampleVariables["examples/few-shot-classifier"] } },
      );
      expect(classifier.body.text).toContain("Text: How do I export?\nCategory: question");
    } finally {
      await server.close();
    }
  });

  it("keeps the key and does not seed again on the next start", async () => {
    const keyBefore = await readFile(join(dataDirectory, "admin.key"), "utf8");
    const server = await startTestServer({ dataDirectory, seedExamples: true });
    try {
      expect(`${server.adminKey}\n`).toBe(keyBefore);
      const listed = await server.request<{ items: Prompt[] }>("GET", "/v1/prompts");
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(examplePrompts.length);
      expect(listed.body.items.every((prompt) => prompt.latestVersion === 1)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
