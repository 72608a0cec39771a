import { outputParseError } from "./output-parse-error.js";

/** One fenced code block of a model's output (Markdown: ``` or ~~~ fences, CommonMark rules). */
export interface CodeBlock {
  /** The first word of the info string, as written (`python`, `ts`); undefined when none. */
  language: string | undefined;
  /** The whole info string after the opening fence, trimmed. */
  info: string;
  /** The code between the fences, without the fence indentation; no final line break. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Offset of the first character of the code (or of the line after the fence) in the text. */
  codeStart: number;
  /** False when the output ended inside the block (often a reply cut off by a token limit). */
  closed: boolean;
}

const openingFence = /^( {0,3})(`{3,}|~{3,})(.*)$/;

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    lines.push({ text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, start });
    start += raw.length + 1;
  }
  return lines;
}

function isClosing(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  const closing = match?.[1];
  return closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length;
}

/** Every fenced code block, in order. Text outside fences is ignored. */
export function parseCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = linesOf(text);
  let index = 0;
  while (index < lines.length) {
    const opening = lines[index] as Line;
    const match = openingFence.exec(opening.text);
    const fence = match?.[2];
    const info = (match?.[3] ?? "").trim();
    // A backtick fence's info string may not hold backticks (CommonMark): "```x```" is inline.
    if (match === null || fence === undefined || (fence[0] === "`" && info.includes("`"))) {
      index += 1;
      continue;
    }
    const indent = match[1]?.length ?? 0;
    const openingLine = index + 1;
    const code: string[] = [];
    let closed = false;
    index += 1;
    const codeStart = lines[index]?.start ?? text.length;
    while (index < lines.length) {
      const line = (lines[index] as Line).text;
      index += 1;
      if (isClosing(line, fence)) {
        closed = true;
        break;
      }
      code.push(line.replace(new RegExp(`^ {0,${indent}}`), ""));
    }
    const language = info.split(/\s+/)[0];
    blocks.push({
      language: language === "" ? undefined : language,
      info,
      code: code.join("\n"),
      line: openingLine,
      codeStart,
      closed,
    });
  }
  return blocks;
}

const languageAliases: Record<string, string> = {
  ts: "typescript",
  tsx: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  py: "python",
  python3: "python",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  yml: "yaml",
  md: "markdown",
  rb: "ruby",
  golang: "go",
  rs: "rust",
  cs: "csharp",
  "c#": "csharp",
  "c++": "cpp",
  cc: "cpp",
  kt: "kotlin",
  ps1: "powershell",
  jsonc: "json",
  json5: "json",
  postgresql: "sql",
  psql: "sql",
};

/** A language name in one spelling: lower case, common aliases resolved (`ts` → `typescript`). */
export function canonicalLanguage(language: string): string {
  const lower = language.toLowerCase();
  return languageAliases[lower] ?? lower;
}

/** The code blocks written in `language` (aliases count: `py` matches `python`). */
export function codeBlocksIn(text: string, language: string): CodeBlock[] {
  const wanted = canonicalLanguage(language);
  return parseCodeBlocks(text).filter(
    (block) => block.language !== undefined && canonicalLanguage(block.language) === wanted,
  );
}

/**
 * The code of the first block in `language` or, without a language, of the first block of any
 * language. Throws VALIDATION_FAILED saying which blocks the output does have.
 */
export function parseCodeBlock(text: string, language?: string): string {
  const blocks = parseCodeBlocks(text);
  const found =
    language === undefined
      ? blocks[0]
      : blocks.find(
          (block) =>
            block.language !== undefined &&
            canonicalLanguage(block.language) === canonicalLanguage(language),
        );
  if (found !== undefined) return found.code;
  const expected =
    language === undefined ? "a fenced code block (```)" : `a \`\`\`${language} code block`;
  const others = blocks.map((block) => `${block.language ?? "no language"} (line ${block.line})`);
  const problem =
    others.length === 0
      ? "the output has no fenced code block"
      : `the output's code blocks are in ${others.join(", ")}`;
  throw outputParseError(text, expected, problem, {
    details: { languages: blocks.map((block) => block.language ?? null) },
  });
}
