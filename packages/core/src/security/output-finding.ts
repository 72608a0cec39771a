/** What the output checks find: a secret, a piece of personal data, or a leaked canary token. */
export const outputCheckKinds = ["secrets", "pii", "canary"] as const;
export type OutputCheckKind = (typeof outputCheckKinds)[number];

export interface OutputFinding {
  kind: "secret" | "pii" | "canary";
  /** e.g. `aws-access-key-id`, `private-key`, `password-assignment`, `email`, `credit-card`. */
  type: string;
  /** Where it is (UTF-16 offsets, end exclusive): the part that is redacted. */
  start: number;
  end: number;
  /** A preview that does not repeat the secret: its first characters and its length. */
  preview: string;
}

/** "sk-p…(51 characters)": enough to recognise, not enough to use. */
export function previewOf(value: string, shown = 4): string {
  if (value.length <= shown * 2) return `${"*".repeat(value.length)} (${value.length} characters)`;
  return `${value.slice(0, shown)}… (${value.length} characters)`;
}
