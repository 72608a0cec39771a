import { promptSchema, versionSchema } from "@quire/core";
import { expect, it } from "vitest";
import {
  expectQuireError,
  hashContent,
  isoUtcPattern,
  newPrompt,
  newVersion,
  type SuiteContext,
  textContent,
} from "./store-fixtures.js";

export function registerPromptAndVersionTests(context: SuiteContext): void {
  it("creates a prompt at version 1 with records that match the wire contracts", async () => {
    const name = context.uniqueName("support/triage");
    const { prompt, version } = await context
      .store()
      .createPrompt(
        newPrompt(name, { tags: ["support", "triage"], labels: ["production", "staging"] }),
      );
    expect(promptSchema.parse(prompt)).toEqual(prompt);
    expect(versionSchema.parse(version)).toEqual(version);
    expect(prompt).toMatchObject({ name, latestVersion: 1, tags: ["support", "triage"] });
    expect(prompt.labels).toEqual({ production: 1, staging: 1 });
    expect(version).toMatchObject({
      prompt: name,
      number: 1,
      parentNumber: null,
      author: "ada",
      message: "first",
    });
    expect(version.labels).toEqual(["production", "staging"]);
    for (const time of [prompt.createdAt, prompt.updatedAt, version.createdAt])
      expect(time).toMatch(isoUtcPattern);
  });

  it("stores every content field exactly and reads it back by name and number", async () => {
    const name = context.uniqueName("chat");
    const content = textContent("", {
      type: "chat",
      engine: "jinja2",
      template: [
        { role: "system", content: "You triage {{ product }} tickets." },
        { role: "user", content: "{{ ticket }} — ünïcødé ✓" },
      ],
      inputSchema: {
        type: "object",
        properties: { ticket: { type: "string" } },
        required: ["ticket"],
      },
      outputSchema: { type: "object", properties: { priority: { enum: ["low", "high"] } } },
      config: { model: "gpt-4o-mini", temperature: 0.2, stop: ["\n\n"] },
      metadata: { owner: "support", nested: { list: [1, null, true] } },
    });
    await context
      .store()
      .createPrompt(newPrompt(name, { content, contentHash: hashContent(content) }));
    const version = await context.store().getVersion(name, 1);
    expect(version).toMatchObject({ ...content, contentHash: hashContent(content) });
    expect((await context.store().getPrompt(name))?.type).toBe("chat");
  });

  it("answers undefined for an unknown prompt or version", async () => {
    const name = context.uniqueName("lookup");
    await context.store().createPrompt(newPrompt(name));
    expect(await context.store().getPrompt(`${name}-missing`)).toBeUndefined();
    expect(await context.store().getVersion(name, 2)).toBeUndefined();
    expect(await context.store().getVersion(name, 0)).toBeUndefined();
    expect(await context.store().getVersion(`${name}-missing`, 1)).toBeUndefined();
  });

  it("refuses a second prompt of the same name with CONFLICT and keeps the first", async () => {
    const name = context.uniqueName("dup");
    await context.store().createPrompt(newPrompt(name, { description: "original" }));
    const error = await expectQuireError(
      context
        .store()
        .createPrompt(newPrompt(name, { description: "intruder", content: textContent("other") })),
      "CONFLICT",
    );
    expect(error.message).toMatch(/already exists/);
    expect(error.message).toMatch(/version/);
    expect(await context.store().getPrompt(name)).toMatchObject({
      description: "original",
      latestVersion: 1,
    });
  });

  it("lets exactly one of several concurrent creations of one name win", async () => {
    const name = context.uniqueName("race");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        context.store().createPrompt(newPrompt(name, { content: textContent(`v${index}`) })),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "CONFLICT" });
    }
  });

  it("refuses invalid names and labels with VALIDATION_FAILED and stores nothing", async () => {
    const name = context.uniqueName("valid");
    await expectQuireError(
      context.store().createPrompt(newPrompt(`${name}/bad name`)),
      "VALIDATION_FAILED",
    );
    await expectQuireError(
      context.store().createPrompt(newPrompt(`${name}//x`)),
      "VALIDATION_FAILED",
    );
    await expectQuireError(
      context.store().createPrompt(newPrompt(name, { labels: ["42"] })),
      "VALIDATION_FAILED",
    );
    await expectQuireError(
      context.store().createPrompt(newPrompt(name, { labels: ["latest"] })),
      "VALIDATION_FAILED",
    );
    expect(await context.store().getPrompt(name)).toBeUndefined();
  });

  it("numbers versions consecutively with their parent and updates the prompt", async () => {
    const name = context.uniqueName("versions");
    await context.store().createPrompt(newPrompt(name, { tags: ["a"] }));
    const second = await context
      .store()
      .createVersion(
        newVersion(name, "second", { description: "now described", tags: ["b", "c"] }),
      );
    expect(second.created).toBe(true);
    expect(second.version).toMatchObject({
      number: 2,
      parentNumber: 1,
      author: "grace",
      message: "set second",
    });
    expect(second.prompt).toMatchObject({
      latestVersion: 2,
      description: "now described",
      tags: ["b", "c"],
    });
    const third = await context
      .store()
      .createVersion(
        newVersion(name, "", { content: textContent("third", { type: "chat", engine: "liquid" }) }),
      );
    expect(third.version).toMatchObject({
      number: 3,
      parentNumber: 2,
      type: "chat",
      engine: "liquid",
    });
    expect(third.prompt).toMatchObject({
      type: "chat",
      engine: "liquid",
      description: "now described",
    });
    expect((await context.store().getVersion(name, 2))?.template).toBe("second");
  });

  it("returns the latest version unchanged when the content equals it, still applying labels", async () => {
    const name = context.uniqueName("idempotent");
    await context.store().createPrompt(newPrompt(name));
    await context.store().createVersion(newVersion(name, "same"));
    const again = await context
      .store()
      .createVersion(newVersion(name, "same", { labels: ["staging"] }));
    expect(again.created).toBe(false);
    expect(again.version.number).toBe(2);
    expect(again.version.labels).toEqual(["staging"]);
    expect(again.prompt).toMatchObject({ latestVersion: 2, labels: { staging: 2 } });
    const historyBefore = await context.store().labelHistory(name, { limit: 50 });
    const third = await context
      .store()
      .createVersion(newVersion(name, "same", { labels: ["staging"] }));
    expect(third.created).toBe(false);
    // An unchanged label is not recorded again.
    expect((await context.store().labelHistory(name, { limit: 50 })).items).toEqual(
      historyBefore.items,
    );
    expect((await context.store().listVersions(name, { limit: 50 })).items).toHaveLength(2);
  });

  it("answers NOT_FOUND when creating a version of an unknown prompt", async () => {
    const error = await expectQuireError(
      context.store().createVersion(newVersion(context.uniqueName("ghost"), "x")),
      "NOT_FOUND",
    );
    expect(error.message).toMatch(/does not exist/);
  });

  it("gives 50 concurrent versions of one prompt the numbers 2 to 51, losing none", async () => {
    const name = context.uniqueName("concurrent");
    await context.store().createPrompt(newPrompt(name));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        context.store().createVersion(newVersion(name, `variant ${index}`)),
      ),
    );
    const numbers = results
      .map((result) => result.version.number)
      .sort((left, right) => left - right);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
    expect(results.every((result) => result.created)).toBe(true);
    const stored = await context.store().listVersions(name, { limit: 500 });
    expect(stored.items.map((version) => version.number)).toEqual(
      Array.from({ length: 51 }, (_, index) => 51 - index),
    );
    const templates = new Set(stored.items.map((version) => version.template));
    for (let index = 0; index < 50; index += 1)
      expect(templates.has(`variant ${index}`)).toBe(true);
    for (const version of stored.items) {
      expect(version.parentNumber).toBe(version.number === 1 ? null : version.number - 1);
    }
    expect((await context.store().getPrompt(name))?.latestVersion).toBe(51);
  });
}
