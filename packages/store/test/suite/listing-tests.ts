import fc from "fast-check";
import { expect, it } from "vitest";
import {
  expectQuireError,
  newPrompt,
  newVersion,
  type SuiteContext,
  textContent,
} from "./store-fixtures.js";

export function registerListingTests(context: SuiteContext): void {
  async function seedLibrary(): Promise<string> {
    const root = context.uniqueName("library");
    const seeds: Array<[string, string, string[]]> = [
      ["support/triage", "Sorts incoming tickets", ["support", "classification"]],
      ["support/reply", "Drafts a REPLY to a customer", ["support"]],
      ["support-bot/greeting", "Says hello", ["bot"]],
      ["sales/pitch", "Writes a pitch with 100% enthusiasm", ["sales", "Marketing"]],
      ["sales/follow_up", "Follows up", ["sales"]],
    ];
    for (const [name, description, tags] of seeds) {
      await context.store().createPrompt(newPrompt(`${root}/${name}`, { description, tags }));
    }
    return root;
  }

  const names = async (query: Parameters<ReturnType<SuiteContext["store"]>["listPrompts"]>[0]) =>
    (await context.store().listPrompts(query)).items.map((prompt) => prompt.name);

  it("lists prompts under a folder prefix, ordered by name", async () => {
    const root = await seedLibrary();
    expect(await names({ limit: 50, prefix: `${root}/support/` })).toEqual([
      `${root}/support/reply`,
      `${root}/support/triage`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/support` })).toEqual([
      `${root}/support-bot/greeting`,
      `${root}/support/reply`,
      `${root}/support/triage`,
    ]);
    // "_" is a LIKE wildcard: it must match only itself.
    expect(await names({ limit: 50, prefix: `${root}/sales/follow_` })).toEqual([
      `${root}/sales/follow_up`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/sales/follow%` })).toEqual([]);
  });

  it("filters by tag and searches name, description and tags without regard to case", async () => {
    const root = await seedLibrary();
    expect(await names({ limit: 50, prefix: `${root}/`, tag: "support" })).toEqual([
      `${root}/support/reply`,
      `${root}/support/triage`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, tag: "market" })).toEqual([]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "reply" })).toEqual([
      `${root}/support/reply`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "TICKETS" })).toEqual([
      `${root}/support/triage`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "marketing" })).toEqual([
      `${root}/sales/pitch`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "100%" })).toEqual([
      `${root}/sales/pitch`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "%" })).toEqual([
      `${root}/sales/pitch`,
    ]);
    expect(await names({ limit: 50, prefix: `${root}/`, search: "greet", tag: "support" })).toEqual(
      [],
    );
  });

  it("searches the latest version's template text, plain or chat, without regard to case", async () => {
    const root = context.uniqueName("template-search");
    const store = context.store();
    await store.createPrompt(
      newPrompt(`${root}/refunds`, { content: textContent("Offer a REFUND") }),
    );
    const chat = textContent("", {
      type: "chat",
      template: [
        { role: "system", content: "You are a courteous concierge." },
        { role: "user", content: "{{question}}" },
      ],
    });
    await store.createPrompt(newPrompt(`${root}/concierge`, { content: chat }));
    // An old version's text is not searched: only what the prompt says now.
    await store.createPrompt(newPrompt(`${root}/changed`, { content: textContent("Say ahoy") }));
    await store.createVersion(newVersion(`${root}/changed`, "Say hello"));

    const search = (text: string) => names({ limit: 50, prefix: `${root}/`, search: text });
    expect(await search("refund")).toEqual([`${root}/refunds`]);
    expect(await search("COURTEOUS concierge")).toEqual([`${root}/concierge`]);
    expect(await search("ahoy")).toEqual([]);
    expect(await search("say hello")).toEqual([`${root}/changed`]);
    // The JSON around chat messages is not text: "role" is in no template.
    expect(await search("role")).toEqual([]);
    expect(await search("{{question}}")).toEqual([`${root}/concierge`]);
  });

  it("pages through prompts with an opaque cursor, whatever the page size", async () => {
    const root = await seedLibrary();
    const all = await names({ limit: 500, prefix: `${root}/` });
    expect(all).toHaveLength(5);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), async (limit) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 10; page += 1) {
          const result = await context
            .store()
            .listPrompts({ limit, prefix: `${root}/`, ...(cursor ? { cursor } : {}) });
          seen.push(...result.items.map((prompt) => prompt.name));
          if (result.nextCursor === null) break;
          cursor = result.nextCursor;
        }
        expect(seen).toEqual(all);
      }),
      { numRuns: 6 },
    );
  });

  it("refuses a cursor it did not issue and a limit above 500", async () => {
    await expectQuireError(
      context.store().listPrompts({ limit: 10, cursor: "not a cursor!" }),
      "VALIDATION_FAILED",
    );
    await expectQuireError(context.store().listPrompts({ limit: 501 }), "VALIDATION_FAILED");
    await expectQuireError(context.store().listPrompts({ limit: 0 }), "VALIDATION_FAILED");
    const name = context.uniqueName("cursor");
    await context.store().createPrompt(newPrompt(name));
    await expectQuireError(
      context.store().listVersions(name, { limit: 10, cursor: "abc" }),
      "VALIDATION_FAILED",
    );
  });

  it("lists versions newest first, page by page", async () => {
    const name = context.uniqueName("history");
    await context.store().createPrompt(newPrompt(name));
    for (let number = 2; number <= 5; number += 1)
      await context.store().createVersion(newVersion(name, `t${number}`));
    const first = await context.store().listVersions(name, { limit: 3 });
    expect(first.items.map((version) => version.number)).toEqual([5, 4, 3]);
    const second = await context
      .store()
      .listVersions(name, { limit: 3, cursor: first.nextCursor ?? "" });
    expect(second.items.map((version) => version.number)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
    await expectQuireError(
      context.store().listVersions(`${name}-missing`, { limit: 3 }),
      "NOT_FOUND",
    );
  });
}
