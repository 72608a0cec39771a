import { compilePrompt, type RenderResult } from "@quire/core";
import { describe, expect, it } from "vitest";
import { guardOptionsFor, renderGuarded, withPreamble } from "./render-guards.js";

const content = {
  type: "text" as const,
  engine: "mustache" as const,
  template: "Note: {{note}}",
  inputSchema: {
    type: "object",
    properties: { note: { type: "string", maxLength: 20, "x-untrusted": true } },
    required: ["note"],
  },
  outputSchema: null,
  config: {},
  metadata: {},
};

describe("withPreamble", () => {
  it("puts the preamble as the first paragraph of a text", () => {
    const rendered: RenderResult = { text: "Body", variables: {} };
    expect(withPreamble(rendered, "Rules")).toEqual({ text: "Rules\n\nBody", variables: {} });
  });

  it("starts the existing system message with it, keeping its other parts", () => {
    const rendered: RenderResult = {
      messages: [
        { role: "system", content: [{ text: "Sort." }, { media: { url: "a.png" } }] },
        { role: "user", content: [{ text: "Hi" }] },
      ],
      variables: {},
    };
    const result = withPreamble(rendered, "Rules");
    expect("messages" in result && result.messages).toEqual([
      { role: "system", content: [{ text: "Rules\n\nSort." }, { media: { url: "a.png" } }] },
      { role: "user", content: [{ text: "Hi" }] },
    ]);
  });

  it("adds a system message first when the first message is not one", () => {
    const rendered: RenderResult = {
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
      variables: {},
    };
    const result = withPreamble(rendered, "Rules");
    expect("messages" in result && result.messages.map((message) => message.role)).toEqual([
      "system",
      "user",
    ]);
  });
});

describe("renderGuarded and guardOptionsFor", () => {
  it("takes the request's options over the version's config, and none without either", () => {
    expect(guardOptionsFor(undefined, {})).toBeUndefined();
    expect(guardOptionsFor(undefined, { guard: { wrap: true } })).toEqual({ wrap: true });
    expect(guardOptionsFor({ canary: true }, { guard: { wrap: true } })).toEqual({ canary: true });
  });

  it("says the guards made a value too long for the schema's maxLength", () => {
    const compiled = compilePrompt(content);
    expect(() =>
      renderGuarded(compiled, { note: "short note" }, false, content.inputSchema, { wrap: true }),
    ).toThrow(/after the guards sanitized or wrapped/);
    const plain = renderGuarded(compiled, { note: "short note" }, false, content.inputSchema, {
      hierarchy: true,
    });
    expect("text" in plain.result && plain.result.text.endsWith("\n\nNote: short note")).toBe(true);
  });
});
