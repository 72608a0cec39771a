import type { ScanCategory } from "./scan-types.js";

/**
 * Text found hidden or encoded inside the scanned text (base64, hex, tag characters…), decoded:
 * the scanner scans it again and reports what it finds under `category` at `start`–`end`.
 */
export interface DecodedPayload {
  category: ScanCategory;
  /** e.g. `encoded.base64`, `hidden.tag-characters`. */
  rule: string;
  text: string;
  start: number;
  end: number;
  /** What finding the encoding alone says, whatever the decoded text holds (0 for none). */
  baseWeight: number;
}
