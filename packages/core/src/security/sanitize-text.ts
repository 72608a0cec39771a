import { invisibleKind } from "./invisible-characters.js";

/**
 * Makes untrusted text inert as prompt structure while keeping it readable:
 * - special tokens of chat templates (`<|im_start|>`, `[INST]`, `<<SYS>>`, `<start_of_turn>`…)
 *   are removed;
 * - control characters and invisible ones (zero-width, bidirectional controls, tag characters,
 *   runs of variation selectors) are removed — except the joiner and presentation selector
 *   inside emoji sequences;
 * - delimiters are defused with look-alike characters that read the same to a person but no
 *   longer parse as structure: code fences (``` → ˋˋˋ), role labels and headers at the start
 *   of a line ("System:" → "System：", "### System" → "＃＃＃ System", "[system]" →
 *   "［system］"), role and wrapper tags (`<system>` → `‹system›`).
 */
export interface SanitizeOptions {
  specialTokens?: boolean;
  controlCharacters?: boolean;
  delimiters?: boolean;
}

export interface SanitizedText {
  text: string;
  /** How many pieces were removed or defused. */
  changes: number;
}

const specialTokens =
  /<[|｜][a-z0-9_▁.:-]{1,40}[|｜]>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:start_of_turn|end_of_turn|bos|eos|s)>/gi;
const codeFence = /`{3,}|~{3,}/g;
const roleWords =
  "system|developer|admin|administrator|assistant|human|ai|instructions?|sudo|root|response";
const roleLabel = new RegExp(
  `^([ \\t>*]{0,8}(?:#{1,6}[ \\t]{0,4})?(?:${roleWords})(?:[ \\t]{1,3}(?:message|prompt|note|override))?[ \\t]{0,4}):`,
  "gim",
);
const roleHashes = new RegExp(`^([ \\t>*]{0,8})(#{1,6})(?=[ \\t]{0,4}(?:${roleWords})\\b)`, "gim");
const roleBracket = /\[(system|developer|admin|assistant|instructions?)\]/gi;
const roleTag =
  /<(\/?)((?:system|developer|sys|admin|assistant|user|instructions?|untrusted[\w-]{0,40}|user[_-]?input|document|context|tool[_-]?output)(?:[ \t][^<>\n]{0,40})?)>/gi;
const pictographic = /\p{Extended_Pictographic}/u;

function removeInvisible(text: string): { text: string; removed: number } {
  let output = "";
  let removed = 0;
  let start = 0;
  let previous = 0;
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const control =
      (codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) ||
      (codePoint >= 0x7f && codePoint < 0xa0);
    const kind = control ? undefined : invisibleKind(codePoint);
    // The joiner and the emoji presentation selector belong to emoji sequences: keep them there.
    const inEmoji =
      (codePoint === 0x200d || codePoint === 0xfe0f) &&
      previous > 0x7f &&
      pictographic.test(String.fromCodePoint(previous));
    if ((control || (kind !== undefined && kind !== "soft-hyphen")) && !inEmoji) {
      output += text.slice(start, index);
      removed += 1;
      start = index + width;
    } else if (!inEmoji) {
      previous = codePoint;
    }
    index += width;
  }
  return { text: removed === 0 ? text : output + text.slice(start), removed };
}

export function sanitizeText(text: string, options: SanitizeOptions = {}): SanitizedText {
  let result = text;
  let changes = 0;
  const count = () => {
    changes += 1;
  };
  if (options.controlCharacters !== false) {
    const cleaned = removeInvisible(result);
    result = cleaned.text;
    changes += cleaned.removed;
  }
  if (options.specialTokens !== false) {
    result = result.replace(specialTokens, () => {
      count();
      return "";
    });
  }
  if (options.delimiters !== false) {
    result = result
      .replace(codeFence, (fence) => {
        count();
        return fence[0] === "`" ? "ˋ".repeat(fence.length) : "∼".repeat(fence.length);
      })
      .replace(roleLabel, (_label, label: string) => {
        count();
        return `${label}：`;
      })
      .replace(roleHashes, (_header, indent: string, hashes: string) => {
        count();
        return indent + "＃".repeat(hashes.length);
      })
      .replace(roleBracket, (_bracket, role: string) => {
        count();
        return `［${role}］`;
      })
      .replace(roleTag, (_tag, slash: string, body: string) => {
        count();
        return `‹${slash}${body}›`;
      });
  }
  return { text: result, changes };
}
