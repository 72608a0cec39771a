/**
 * The URL path of a prompt resource. Names are path-like (`support/triage`), so each one is
 * percent-encoded as a single segment (`support%2Ftriage`), as are label names.
 */
export function promptPath(name: string, ...segments: string[]): string {
  const encoded = [name, ...segments].map((segment) => encodeURIComponent(segment));
  return `/v1/prompts/${encoded.join("/")}`;
}
