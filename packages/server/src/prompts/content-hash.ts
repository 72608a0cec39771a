import { createHash } from "node:crypto";
import { canonicalJson, type PromptContent } from "@quire/core";

/** SHA-256 (hex) of the canonical JSON of a version's content: equal content, equal hash. */
export function contentHash(content: PromptContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
