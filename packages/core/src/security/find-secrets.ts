import { type OutputFinding, previewOf } from "./output-finding.js";

/**
 * Credentials in text: API keys by the shapes their vendors give them, private keys, tokens,
 * credentials in connection strings and passwords in assignments (`password = "…"`). Each
 * pattern is bounded, so the cost is linear in the text.
 */
interface SecretPattern {
  type: string;
  expression: RegExp;
  /** The capture group holding the secret itself (default: the whole match). */
  group?: number;
  /** Cheap test first: the text must contain this. */
  requires?: string;
}

const secretPatterns: SecretPattern[] = [
  { type: "aws-access-key-id", expression: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    type: "github-token",
    expression: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { type: "gitlab-token", expression: /\bglpat-[A-Za-z0-9_-]{20,64}/g, requires: "glpat-" },
  { type: "slack-token", expression: /\bxox[abposr]-[A-Za-z0-9-]{10,200}/g, requires: "xox" },
  {
    type: "slack-webhook",
    expression: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,200}/g,
    requires: "hooks.slack.com",
  },
  { type: "stripe-key", expression: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,200}\b/g },
  {
    type: "anthropic-api-key",
    expression: /\bsk-ant-[a-z]{2,10}\d{0,3}-[A-Za-z0-9_-]{20,200}/g,
    requires: "sk-ant-",
  },
  {
    type: "openai-api-key",
    expression: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}/g,
    requires: "sk-",
  },
  {
    type: "google-api-key",
    expression: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    requires: "AIza",
  },
  { type: "huggingface-token", expression: /\bhf_[A-Za-z0-9]{30,60}\b/g, requires: "hf_" },
  { type: "npm-token", expression: /\bnpm_[A-Za-z0-9]{36}\b/g, requires: "npm_" },
  {
    type: "sendgrid-key",
    expression: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    requires: "SG.",
  },
  { type: "twilio-key", expression: /\bSK[0-9a-fA-F]{32}\b/g },
  {
    type: "jwt",
    expression: /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/g,
    requires: "eyJ",
  },
  {
    type: "connection-string-password",
    // postgres://user:PASSWORD@host — only the password is the secret.
    expression: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s:/@]{1,200})@/gi,
    group: 1,
    requires: "://",
  },
  {
    type: "password-assignment",
    expression:
      /(?:password|passwd|passphrase|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|private[_-]?key)(?![a-z])["']?[ \t]{0,3}[:=][ \t]{0,3}(?:"([^"\n]{4,200})"|'([^'\n]{4,200})'|([^\s"',;]{4,200}))/gi,
  },
];

const placeholder =
  /^(?:\*+|x+|\.{3,}|<.*|\$\{.*|\{\{.*|%\(.*|changeme|null|none|undefined|true|false)$/i;
/^(?:\*+|x+|\.{3,}|<[^>]*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|changeme|null|none|undefined|true|false)$/i;

export function findSecrets(text: string): OutputFinding[] {
  const findings: OutputFinding[] = [];
  for (const { type, expression, group, requires } of secretPatterns) {
    if (requires !== undefined && !text.includes(requires)) continue;
    expression.lastIndex = 0;
    for (const match of text.matchAll(expression)) {
      let value = match[0];
      let start = match.index;
      if (type === "password-assignment") {
        const assigned = match[1] ?? match[2] ?? match[3] ?? "";
        if (placeholder.test(assigned)) continue;
        value = assigned;
        start = match.index + match[0].lastIndexOf(assigned);
      } else if (group !== undefined) {
        // The captured part ends the match (just before its "@").
        value = match[group] ?? "";
        start = match.index + match[0].length - 1 - value.length;
      }
      findings.push({
        kind: "secret",
        type,
        start,
        end: start + value.length,
        preview: previewOf(value),
      });
    }
  }
  findings.push(...privateKeys(text));
  return findings;
}

const privateKeyBegin = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const privateKeyEnd = /-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;

/** A private key block, from its BEGIN line to its END line (or the end of the text). */
function privateKeys(text: string): OutputFinding[] {
  if (!text.includes("PRIVATE KEY")) return [];
  const findings: OutputFinding[] = [];
  privateKeyBegin.lastIndex = 0;
  let begin = privateKeyBegin.exec(text);
  while (begin !== null) {
    privateKeyEnd.lastIndex = begin.index + begin[0].length;
    const end = privateKeyEnd.exec(text);
    const stop = end === null ? text.length : end.index + end[0].length;
    findings.push({
      kind: "secret",
      type: "private-key",
      start: begin.index,
      end: stop,
      preview: `${begin[0]} (${stop - begin.index} characters)`,
    });
    privateKeyBegin.lastIndex = stop;
    begin = privateKeyBegin.exec(text);
  }
  return findings;
}
