import { isQuireError, type PromptContent } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PromptStore } from "../../src/index.js";
import type { StoreFactory } from "../prompt-store.suite.js";
import { hashContent, newPrompt, newVersion, textContent } from "../suite/store-fixtures.js";

/**
 * "Used by": which versions include a component, recorded with each version. Shared by the
 * PGlite and PostgreSQL runs; tests keep apart by their own name prefix.
 */
export function registerComponentStoreSuite(factory: StoreFactory): void {
  let store: PromptStore;
  let counter = 0;
  const unique = (suffix: string) => `u${++counter}/${suffix}`;

  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  async function createWith(name: string, content: PromptContent, labels: string[] = []) {
    return store.createPrompt(
      newPrompt(name, { content, contentHash: hashContent(content), labels }),
    );
  }

  describe("components used by other prompts", () => {
    it("lists each including version with its selector, labels and whether it is the latest", async () => {
      const guidelines = unique("guidelines");
      const triage = unique("triage");
      const reply = unique("reply");
      await createWith(guidelines, textContent("Be kind."));
      await createWith(
        triage,
        textContent(`{{> ${guidelines}@production}} {{> ${guidelines}@production}}`),
        ["production"],
      );
      await store.createVersion(newVersion(triage, `{{> ${guidelines}:1}} v2`));
      await createWith(reply, {
        ...textContent(""),
        type: "chat",
        template: [
          { role: "system", content: `{{> ${guidelines}}}` },
          { role: "user", content: "{{question}}" },
        ],
      });

      const current = await store.listIncluders(guidelines, { limit: 50 });
      expect(current).toEqual({
        items: [
          {
            prompt: triage,
            version: 2,
            reference: `${guidelines}:1`,
            requested: "version",
            label: null,
            componentVersion: 1,
            labels: [],
            latest: true,
          },
          {
            prompt: triage,
            version: 1,
            reference: `${guidelines}@production`,
            requested: "label",
            label: "production",
            componentVersion: null,
            labels: ["production"],
            latest: false,
          },
          {
            prompt: reply,
            version: 1,
            reference: guidelines,
            requested: "latest",
            label: null,
            componentVersion: null,
            labels: [],
            latest: true,
          },
        ],
        nextCursor: null,
      });
    });

    it("leaves out versions neither latest nor labeled unless all versions are asked for", async () => {
      const part = unique("part");
      const user = unique("user");
      await createWith(part, textContent("P"));
      await createWith(user, textContent(`{{> ${part}}} one`));
      await store.createVersion(newVersion(user, `{{> ${part}}} two`));
      await store.createVersion(newVersion(user, "no component any more"));
      expect((await store.listIncluders(part, { limit: 50 })).items).toEqual([]);
      const all = await store.listIncluders(part, { limit: 50, versions: "all" });
      expect(all.items.map((item) => [item.prompt, item.version])).toEqual([
        [user, 2],
        [user, 1],
      ]);
    });

    it("pages through includers with a cursor, each once", async () => {
      const shared = unique("shared");
      await createWith(shared, textContent("S"));
      const includers = [unique("a"), unique("b"), unique("c")];
      for (const name of includers) {
        await createWith(name, textContent(`{{> ${shared}}} {{> ${shared}@staging}}`));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listIncluders(shared, {
          limit: 2,
          versions: "all",
          ...(cursor === undefined ? {} : { cursor }),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => `${item.prompt} ${item.reference}`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(
        includers.flatMap((name) => [`${name} ${shared}`, `${name} ${shared}@staging`]),
      );
    });

    it("records references of every engine, and nothing for a version that was not created", async () => {
      const piece = unique("piece");
      const liquid = unique("liquid");
      await createWith(piece, textContent("x", { engine: "liquid" }));
      await createWith(
        liquid,
        textContent(`{% raw %}{{> not/this}}{% endraw %}{{> ${piece}:1}}`, { engine: "liquid" }),
      );
      const unchanged = await store.createVersion(
        newVersion(liquid, "", {
          content: textContent(`{% raw %}{{> not/this}}{% endraw %}{{> ${piece}:1}}`, {
            engine: "liquid",
          }),
        }),
      );
      expect(unchanged.created).toBe(false);
      const all = await store.listIncluders(piece, { limit: 50, versions: "all" });
      expect(all.items.map((item) => [item.prompt, item.version, item.reference])).toEqual([
        [liquid, 1, `${piece}:1`],
      ]);
    });

    it("refuses a malformed reference and stores nothing of that write", async () => {
      const name = unique("broken");
      const error = await createWith(
        name,
        textContent("{{> Bad Name@X}}", { engine: "jinja2" }),
      ).catch((caught: unknown) => caught);
      expect(isQuireError(error) && error.code).toBe("TEMPLATE_SYNTAX");
      expect(await store.getPrompt(name)).toBeUndefined();
    });

    it("answers NOT_FOUND for an unknown component and VALIDATION_FAILED for a bad cursor", async () => {
      const missing = await store
        .listIncluders(unique("nobody"), { limit: 5 })
        .catch((caught: unknown) => caught);
      expect(isQuireError(missing) && missing.code).toBe("NOT_FOUND");
      const known = unique("known");
      await createWith(known, textContent("k"));
      const bad = await store
        .listIncluders(known, { limit: 5, cursor: "bm90LWpzb24" })
        .catch((caught: unknown) => caught);
      expect(isQuireError(bad) && bad.code).toBe("VALIDATION_FAILED");
    });
  });
}
