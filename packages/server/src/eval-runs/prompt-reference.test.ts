import { isQuireError } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePromptReference } from "./prompt-reference.js";

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
const promptName = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join("/"));

describe("parsePromptReference", () => {
  it("reads name@label, name:version and a bare name", () => {
    fc.assert(
      fc.property(
        promptName,
        segment,
        fc.integer({ min: 1, max: 1_000_000 }),
        (name, label, version) => {
          expect(parsePromptReference(`${name}@${label}`, 0)).toEqual({ name, label });
          expect(parsePromptReference(`${name}:${version}`, 0)).toEqual({ name, version });
          expect(parsePromptReference(name, 0)).toEqual({ name });
        },
      ),
    );
  });

  it("refuses a version that is not a number, naming the field", () => {
    for (const reference of ["support/triage:", "support/triage:v2", "support/triage:0"]) {
      try {
        parsePromptReference(reference, 3);
        throw new Error(`accepted ${reference}`);
      } catch (error) {
        expect(isQuireError(error) && error.code).toBe("VALIDATION_FAILED");
        expect(isQuireError(error) && error.details.field).toBe("prompts[3]");
      }
    }
  });
});
