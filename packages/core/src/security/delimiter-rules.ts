import type { CompiledPhraseRule } from "./phrase-rule.js";

/**
 * Special tokens of chat templates and fake message boundaries, matched in the original text
 * (case-insensitive). Every pattern is bounded: no unbounded repetition precedes a literal that
 * could be missing, so the cost stays linear in the text.
 */
const roleWords =
  "system|developer|admin|administrator|sudo|root|operator|system prompt|system message|system note|system override|new instructions|important instructions|updated instructions";

export const delimiterRules: CompiledPhraseRule[] = [
  {
    rule: "delimiter.special-token",
    requires: ["<|", "<｜"],
    category: "delimiter",
    weight: 0.9,
    // <|im_start|>, <|endoftext|>, <|eot_id|>, <|start_header_id|>, DeepSeek's fullwidth bars.
    expression: /<[|｜][a-z0-9_▁.:-]{1,40}[|｜]>/gi,
  },
  {
    rule: "delimiter.instruction-tags",
    requires: ["[", "<"],
    category: "delimiter",
    weight: 0.85,
    expression: /\[\/?INST\]|<<\/?SYS>>|<\/?(?:start_of_turn|end_of_turn)>|<(?:bos|eos)>/gi,
  },
  {
    rule: "delimiter.sentence-tags",
    requires: ["<"],
    category: "delimiter",
    weight: 0.3,
    expression: /<\/s>|<s>(?=\s*\[INST\])/gi,
  },
  {
    rule: "delimiter.role-header",
    category: "delimiter",
    weight: 0.7,
    // "### System:", "[SYSTEM]", "[system](#note)" at the start of a line.
    expression: new RegExp(
      `^[ \\t>*]{0,8}(?:#{1,6}[ \\t]{0,4}(?:${roleWords})\\b|\\[(?:${roleWords})(?:[ \\t]{1,3}(?:message|prompt|note|override))?\\])`,
      "gim",
    ),
  },
  {
    rule: "delimiter.role-label",
    category: "delimiter",
    weight: 0.45,
    // "SYSTEM:", "System prompt:" opening a line.
    expression: new RegExp(
      `^[ \\t>*]{0,8}(?:${roleWords})[ \\t]{0,4}(?:message|prompt|note|override)?[ \\t]{0,4}:`,
      "gim",
    ),
  },
  {
    rule: "delimiter.instruction-header",
    requires: ["#"],
    category: "delimiter",
    weight: 0.3,
    expression: /^[ \t>*]{0,8}#{1,6}[ \t]{0,4}instructions?[ \t]{0,4}:/gim,
  },
  {
    rule: "delimiter.chat-turn",
    category: "delimiter",
    weight: 0.4,
    // Fake transcript turns ("Human:", "Assistant:", "### Response:") at the start of a line.
    expression:
      /^[ \t>*]{0,8}(?:#{1,6}[ \t]{0,4}(?:human|assistant|user|response|input|ai)[ \t]{0,4}:?|(?:human|assistant|ai|chatgpt|gpt|claude|bot)[ \t]{0,4}:)/gim,
  },
  {
    rule: "delimiter.role-tag",
    requires: ["<"],
    category: "delimiter",
    weight: 0.6,
    expression:
      /<\/?(?:system|developer|sys|admin|instructions?|system[_-]?prompt|system[_-]?message|assistant)(?:[ \t][^<>\n]{0,40})?>/gi,
  },
  {
    rule: "delimiter.closing-wrapper",
    requires: ["</"],
    category: "delimiter",
    weight: 0.45,
    // Closing the tag an application wraps untrusted text in, to write outside of it.
    expression:
      /<\/(?:user[_-]?input|user[_-]?query|user[_-]?message|untrusted[\w-]{0,40}|document|documents|context|data|email|input|query|text|content|tool[_-]?output|function[_-]?results?|search[_-]?results?)>/gi,
  },
  {
    rule: "delimiter.json-role",
    requires: ["role", "Role", "ROLE"],
    category: "delimiter",
    weight: 0.6,
    expression: /["']role["'][ \t]{0,3}:[ \t]{0,3}["'](?:system|developer)["']/gi,
  },
  {
    rule: "delimiter.end-marker",
    category: "delimiter",
    weight: 0.55,
    expression:
      /\b(?:end|close|stop)[ \t_-]{1,3}of[ \t_-]{1,3}(?:the[ \t]{1,3})?(?:user[ \t_-]{1,3}(?:input|message|query|prompt)|document|context|input|data|email|prompt|system[ \t_-]{1,3}prompt|instructions|conversation)\b|\b(?:begin|start)(?:ning)?[ \t_-]{1,3}of[ \t_-]{1,3}(?:the[ \t]{1,3})?(?:new|real|actual|system|developer|admin)[ \t_-]{1,3}(?:instructions?|prompt|system[ \t_-]{1,3}prompt|message)\b/gi,
  },
  {
    rule: "delimiter.escaped-newlines",
    requires: ["\\n"],
    category: "delimiter",
    weight: 0.35,
    // Line breaks written out as "\n" to fake the end of the input.
    expression: /(?:\\n[ \t]{0,3}){3,}/g,
  },
  {
    rule: "delimiter.escaped-header",
    requires: ["\\n"],
    category: "delimiter",
    weight: 0.6,
    expression:
      /\\n[ \t]{0,3}(?:#{1,6}[ \t]{0,3})?(?:instructions?|system|new task|task|assistant|human)[ \t]{0,3}:/gi,
  },
  {
    rule: "delimiter.code-fence",
    requires: ["```", "~~~"],
    category: "delimiter",
    weight: 0.6,
    // A fence labelled as a role, or closing a fence to start a role header or an override.
    expression:
      /(?:```|~~~)[ \t]{0,4}(?:system|instructions?|prompt|sys|developer|admin|assistant|chatml)\b|(?:```|~~~)[ \t]{0,4}\n[ \t]{0,8}(?:#{1,6}[ \t]{0,4})?(?:system|instructions?|developer|admin|new instructions)[ \t]{0,4}:/gi,
  },
];
