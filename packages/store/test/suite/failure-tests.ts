import { expect, it } from "vitest";
import {
  expectQuireError,
  newPrompt,
  newVersion,
  type SuiteContext,
  textContent,
} from "./store-fixtures.js";

/**
 * A NUL character is refused by the database itself, in the middle of a transaction (after the
 * prompt row was written or updated): the realistic way to make a write fail half-way.
 */
const nul = "\u0000";

export function registerFailureTests(context: SuiteContext): void {
  it("leaves nothing behind when creating a prompt fails half-way", async () => {
    const name = context.uniqueName("broken-create");
    const broken = newPrompt(name, {
      content: textContent(`bad ${nul} byte`),
      labels: ["production"],
    });
    const error = await expectQuireError(context.store().createPrompt(broken), "VALIDATION_FAILED");
    expect(error.message).toMatch(/NUL/);
    expect(await context.store().getPrompt(name)).toBeUndefined();
    const { version } = await context.store().createPrompt(newPrompt(name));
    expect(version.number).toBe(1);
  });

  it("leaves the prompt as it was when creating a version fails half-way", async () => {
    const name = context.uniqueName("broken-version");
    await context
      .store()
      .createPrompt(
        newPrompt(name, { description: "kept", tags: ["kept"], labels: ["production"] }),
      );
    const before = await context.store().getPrompt(name);
    const broken = newVersion(name, "fine template", {
      description: "must not stick",
      tags: ["lost"],
      labels: ["production"],
      content: textContent("fine template", { metadata: { note: `bad ${nul}` } }),
    });
    await expectQuireError(context.store().createVersion(broken), "VALIDATION_FAILED");
    expect(await context.store().getPrompt(name)).toEqual(before);
    expect(await context.store().getVersion(name, 2)).toBeUndefined();
    const next = await context.store().createVersion(newVersion(name, "after the failure"));
    expect(next.version.number).toBe(2);
  });

  it("leaves the label and its history as they were when a move fails half-way", async () => {
    const name = context.uniqueName("broken-move");
    await context.store().createPrompt(newPrompt(name, { labels: ["production"] }));
    await context.store().createVersion(newVersion(name, "two"));
    const historyBefore = await context.store().labelHistory(name, { limit: 50 });
    await expectQuireError(
      context
        .store()
        .moveLabel({ name, label: "production", version: 2, actor: "ops", reason: `bad ${nul}` }),
      "VALIDATION_FAILED",
    );
    expect((await context.store().getPrompt(name))?.labels).toEqual({ production: 1 });
    expect(await context.store().labelHistory(name, { limit: 50 })).toEqual(historyBefore);
  });
}
