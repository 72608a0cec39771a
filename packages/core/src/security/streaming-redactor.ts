import type { OutputFinding } from "./output-finding.js";
import { checkOutput, type OutputCheckOptions } from "./redact.js";

export interface StreamingRedactorOptions extends OutputCheckOptions {
  /**
   * Characters of already-sent text read again before new text, so a finding whose start needs
   * what came before (a `password:` before its value) is still recognised (default 128).
   */
  contextCharacters?: number;
  /**
   * Characters always held back from the end, for findings that contain spaces (a card number
   * in groups, an IBAN, a phone number) (default 64).
   */
  heldCharacters?: number;
  /**
   * The most text held while it has no whitespace (a token still arriving may be a key); past
   * this, it is checked and sent (default 16,384).
   */
  maximumHeldCharacters?: number;
}

/**
 * Redacts a stream of text deltas as they come: the text that may still turn into a secret,
 * personal data or a canary (the last unbroken run of non-space characters, a few more
 * characters, and any finding not yet complete) is held back until it is known to be clean or
 * replaced by `[REDACTED:type]`. `end()` sends the rest. The same checks as `redact`.
 */
export class StreamingRedactor {
  private text = "";
  /** How much of `text` was sent (redacted) already. */
  private sent = 0;
  private readonly found: OutputFinding[] = [];
  private readonly contextCharacters: number;
  private readonly heldCharacters: number;
  private readonly maximumHeldCharacters: number;

  constructor(private readonly options: StreamingRedactorOptions = {}) {
    this.contextCharacters = options.contextCharacters ?? 128;
    this.heldCharacters = options.heldCharacters ?? 64;
    this.maximumHeldCharacters = options.maximumHeldCharacters ?? 16_384;
  }

  /** What may be sent now of the text so far (possibly ""). */
  push(delta: string): string {
    this.text += delta;
    return this.release(false);
  }

  /** The rest, once the stream ended. */
  end(): string {
    return this.release(true);
  }

  /** What was redacted so far, located in the whole text. */
  get findings(): readonly OutputFinding[] {
    return this.found;
  }

  private release(final: boolean): string {
    const from = Math.max(0, this.sent - this.contextCharacters);
    const findings = checkOutput(this.text.slice(from), this.options)
      .map((finding) => ({ ...finding, start: finding.start + from, end: finding.end + from }))
      .filter((finding) => finding.end > this.sent);
    let cut = final ? this.text.length : this.safeCut();
    // Never cut through a finding: hold it whole until it is complete.
    for (const finding of findings) {
      if (finding.start < cut && finding.end > cut) cut = Math.max(this.sent, finding.start);
      if (!final && finding.end === this.text.length) cut = Math.min(cut, finding.start);
    }
    cut = Math.max(cut, this.sent);
    if (cut === this.sent) return "";
    let output = "";
    let position = this.sent;
    for (const finding of findings) {
      if (finding.end > cut) break;
      const start = Math.max(finding.start, position);
      output += `${this.text.slice(position, start)}[REDACTED:${finding.type}]`;
      position = finding.end;
      this.found.push(finding);
    }
    output += this.text.slice(position, cut);
    this.sent = cut;
    return output;
  }

  /** Where the text may be cut now: before the last run of non-space characters and the held tail. */
  private safeCut(): number {
    let runStart = this.text.length;
    while (runStart > this.sent && !/\s/.test(this.text[runStart - 1] ?? "")) runStart -= 1;
    const tail = this.text.length - this.heldCharacters;
    const cut = Math.min(runStart, tail);
    // A very long run of non-space text is checked and sent rather than held forever.
    if (this.text.length - this.sent > this.maximumHeldCharacters && cut <= this.sent) return tail;
    return cut;
  }
}
