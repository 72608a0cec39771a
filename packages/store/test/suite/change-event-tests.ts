import { expect, it } from "vitest";
import {
  collectEvents,
  newPrompt,
  newVersion,
  type SuiteContext,
  textContent,
} from "./store-fixtures.js";

export function registerChangeEventTests(context: SuiteContext): void {
  it("tells listeners about created prompts, versions and moved labels, after commit", async () => {
    const name = context.uniqueName("events");
    const collector = collectEvents(context.store());
    try {
      await context.store().createPrompt(newPrompt(name));
      await collector.waitFor((event) => event.prompt === name && event.kind === "prompt-created");
      await context.store().createVersion(newVersion(name, "two", { labels: ["staging"] }));
      await collector.waitFor(
        (event) => event.prompt === name && event.kind === "version-created" && event.version === 2,
      );
      await collector.waitFor(
        (event) =>
          event.prompt === name && event.kind === "label-moved" && event.label === "staging",
      );
      await context
        .store()
        .moveLabel({ name, label: "production", version: 1, actor: "ops", reason: "" });
      const moved = await collector.waitFor(
        (event) =>
          event.prompt === name && event.kind === "label-moved" && event.label === "production",
      );
      expect(moved.version).toBe(1);
      await context
        .store()
        .createVersion(newVersion(name, "two", { description: "only the description" }));
      await collector.waitFor((event) => event.prompt === name && event.kind === "prompt-updated");
    } finally {
      collector.unsubscribe();
    }
  });

  it("sends nothing for a failed write, and nothing after unsubscribing", async () => {
    const name = context.uniqueName("quiet");
    const collector = collectEvents(context.store());
    await context.store().createPrompt(newPrompt(name));
    await collector.waitFor((event) => event.prompt === name && event.kind === "prompt-created");
    await context
      .store()
      .createVersion(
        newVersion(name, "", { content: textContent("x", { config: { bad: "\u0000" } }) }),
      )
      .catch(() => {});
    await context.store().createVersion(newVersion(name, "marker"));
    await collector.waitFor((event) => event.prompt === name && event.kind === "version-created");
    expect(collector.events.filter((event) => event.prompt === name)).toEqual([
      { prompt: name, kind: "prompt-created", version: 1 },
      { prompt: name, kind: "version-created", version: 2 },
    ]);
    collector.unsubscribe();
    await context.store().createVersion(newVersion(name, "unheard"));
    const control = collectEvents(context.store());
    await context.store().createVersion(newVersion(name, "heard"));
    await control.waitFor((event) => event.prompt === name && event.version === 4);
    control.unsubscribe();
    expect(collector.events.filter((event) => event.prompt === name)).toHaveLength(2);
  });
}
