import { Dotprompt } from "dotprompt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RenderedMessage } from "../prompts/prompt-content.js";
import { toRenderedMessages } from "./rendered-messages.js";

const dotprompt = new Dotprompt();

/** Dotprompt's split of a rendered text: render a template that prints the text verbatim. */
async function dotpromptMessages(text: string, history?: RenderedMessage[]) {
  const rendered = await dotprompt.render(
    "{{text}}",
    // Dotprompt's Message type narrows roles to four names; ours allows any string.
    { input: { text }, ...(history === undefined ? {} : { messages: history as never }) },
  );
  return rendered.messages;
}

describe("toRenderedMessages", () => {
  it("puts text before any role marker in a user message", () => {
    expect(toRenderedMessages("Hello")).toEqual([{ role: "user", content: [{ text: "Hello" }] }]);
  });

  it("splits on role markers and keeps text untrimmed", () => {
    expect(
      toRenderedMessages("<<<dotprompt:role:system>>>\nBe brief.\n<<<dotprompt:role:user>>> Hi"),
    ).toEqual([
      { role: "system", content: [{ text: "\nBe brief.\n" }] },
      { role: "user", content: [{ text: " Hi" }] },
    ]);
  });

  it("renames a message that holds only whitespace instead of opening a new one", () => {
    expect(toRenderedMessages("  \n<<<dotprompt:role:system>>>A")).toEqual([
      { role: "system", content: [{ text: "A" }] },
    ]);
  });

  it("inserts history at the marker, tagged, and opens a model message", () => {
    const history: RenderedMessage[] = [
      { role: "user", content: [{ text: "q" }] },
      { role: "model", content: [{ text: "a" }], metadata: { id: 1 } },
    ];
    expect(toRenderedMessages("S<<<dotprompt:history>>>after", history)).toEqual([
      { role: "user", content: [{ text: "S" }] },
      { role: "user", content: [{ text: "q" }], metadata: { purpose: "history" } },
      { role: "model", content: [{ text: "a" }], metadata: { id: 1, purpose: "history" } },
      { role: "model", content: [{ text: "after" }] },
    ]);
  });

  it("puts history before the last user message when there is no marker", () => {
    const history: RenderedMessage[] = [{ role: "model", content: [{ text: "old" }] }];
    expect(
      toRenderedMessages("<<<dotprompt:role:system>>>S<<<dotprompt:role:user>>>U", history),
    ).toEqual([
      { role: "system", content: [{ text: "S" }] },
      { role: "model", content: [{ text: "old" }] },
      { role: "user", content: [{ text: "U" }] },
    ]);
  });

  it("makes media and pending section parts", () => {
    expect(
      toRenderedMessages(
        "Look <<<dotprompt:media:url https://x/y.png image/png>>> then <<<dotprompt:section code>>>",
      ),
    ).toEqual([
      {
        role: "user",
        content: [
          { text: "Look " },
          { media: { url: "https://x/y.png", contentType: "image/png" } },
          { text: " then " },
          { metadata: { purpose: "code", pending: true } },
        ],
      },
    ]);
  });

  it("treats an uppercase role marker the way dotprompt does", async () => {
    const text = "<<<dotprompt:role:System>>> hi";
    expect(toRenderedMessages(text)).toEqual(await dotpromptMessages(text));
  });
});

describe("toRenderedMessages parity with dotprompt on generated text", () => {
  const piece = fc.oneof(
    fc.constantFrom("Hello", " world ", "\n", "  ", "\n\n", "a,b", "x>>>", "<<<"),
    fc.string({ maxLength: 6 }),
    fc
      .constantFrom("user", "system", "model", "tool", "User", "", "a-b")
      .map((role) => `<<<dotprompt:role:${role}>>>`),
    fc.constantFrom("<<<dotprompt:history>>>", "<<<dotprompt:historyx>>>"),
    fc
      .tuple(
        fc.constantFrom("https://e.x/a.png", "data:image/png;base64,AA==", "", "a b"),
        fc.constantFrom("", " image/png", " text/plain extra"),
      )
      .map(([url, type]) => `<<<dotprompt:media:url ${url}${type}>>>`),
    fc.constantFrom("<<<dotprompt:media:url>>>", "<<<dotprompt:media:foo>>>"),
    fc
      .constantFrom("code", "output", "", "two words")
      .map((name) => `<<<dotprompt:section ${name}>>>`),
  );
  const message: fc.Arbitrary<RenderedMessage> = fc.record(
    {
      role: fc.constantFrom("user", "model", "system", "tool"),
      content: fc.array(fc.record({ text: fc.string({ maxLength: 5 }) }), { maxLength: 2 }),
      metadata: fc.dictionary(fc.constantFrom("id", "purpose"), fc.string({ maxLength: 3 })),
    },
    { requiredKeys: ["role", "content"] },
  );

  it("splits exactly as dotprompt does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join("")),
        fc.option(fc.array(message, { maxLength: 3 }), { nil: undefined }),
        async (text, history) => {
          expect(toRenderedMessages(text, history)).toEqual(await dotpromptMessages(text, history));
        },
      ),
      { numRuns: 600 },
    );
  });
});
