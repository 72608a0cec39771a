import { describe, expect, it } from "vitest";
import {
  forgetHandedDraft,
  type HandedDraft,
  handDraftToPlayground,
  handedDraftOf,
  takeHandedDraft,
} from "./draft-handoff.js";

function handed(prompt: string, basedOn: number | null): HandedDraft {
  return {
    prompt,
    basedOn,
    draft: { template: `Draft of ${prompt}` },
    editorState: { template: `Draft of ${prompt}` },
    inputs: { customer: "Ada" },
  };
}

describe("the draft handed from the editor to the playground", () => {
  it("is read by the playground as often as needed, and taken back by the editor once", () => {
    handDraftToPlayground(handed("support/reply", 2));
    expect(handedDraftOf("support/reply")?.draft.template).toBe("Draft of support/reply");
    expect(handedDraftOf("support/reply")).not.toBeNull();
    expect(handedDraftOf("support/other")).toBeNull();
    // Only the editor of the same version takes it back.
    expect(takeHandedDraft("support/reply", 1)).toBeNull();
    expect(takeHandedDraft("support/reply", 2)?.inputs).toEqual({ customer: "Ada" });
    expect(takeHandedDraft("support/reply", 2)).toBeNull();
    expect(handedDraftOf("support/reply")).toBeNull();
  });

  it("is forgotten when its prompt is saved, not when another prompt is", () => {
    handDraftToPlayground(handed("support/reply", 3));
    forgetHandedDraft("support/other");
    expect(handedDraftOf("support/reply")).not.toBeNull();
    forgetHandedDraft("support/reply");
    expect(handedDraftOf("support/reply")).toBeNull();
  });

  it("of a new prompt goes back only to the new-prompt editor, with the name it was given", () => {
    handDraftToPlayground(handed("support/brand-new", null));
    expect(handedDraftOf("support/brand-new")?.basedOn).toBeNull();
    // An existing prompt's editor does not take it, even under the same name.
    expect(takeHandedDraft("support/brand-new", 1)).toBeNull();
    expect(takeHandedDraft(null, null)?.prompt).toBe("support/brand-new");
    expect(takeHandedDraft(null, null)).toBeNull();
  });

  it("of a saved prompt is not taken by the new-prompt editor", () => {
    handDraftToPlayground(handed("support/reply", 4));
    expect(takeHandedDraft(null, null)).toBeNull();
    expect(takeHandedDraft("support/reply", 4)?.basedOn).toBe(4);
  });
});
