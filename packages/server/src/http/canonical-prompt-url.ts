/**
 * Prompt names hold slashes. The canonical URL carries the name percent-encoded in one path
 * segment (`/v1/prompts/support%2Ftriage/versions`); this also accepts the raw form
 * (`/v1/prompts/support/triage/versions`) by reading the known route suffix from the end of the
 * path for the request's method and encoding the slashes of what is left.
 *
 * The raw form is ambiguous for names whose last segment is a route word (a prompt named
 * `team/versions`): there the suffix wins, and the percent-encoded form is the way to reach it.
 */
const prefix = "/v1/prompts/";

function suffixLength(method: string, segments: string[]): number {
  const last = segments.at(-1);
  const beforeLast = segments.at(-2);
  switch (method) {
    case "GET":
    case "HEAD":
      if (beforeLast === "labels" && last === "history") return 2;
      return last === "versions" || last === "diff" || last === "used-by" ? 1 : 0;
    case "POST":
      return last === "versions" || last === "render" || last === "run" ? 1 : 0;
    case "PUT":
      return beforeLast === "labels" ? 2 : 0;
    default:
      return 0;
  }
}

export function canonicalPromptUrl(method: string, url: string): string {
  if (!url.startsWith(prefix)) return url;
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const rest = path.slice(prefix.length).replace(/\/+$/, "");
  if (!rest.includes("/")) return url;
  const segments = rest.split("/");
  const suffix = suffixLength(method, segments);
  const nameSegments = segments.slice(0, segments.length - suffix);
  if (nameSegments.length <= 1) return url;
  const suffixPath = suffix === 0 ? "" : `/${segments.slice(-suffix).join("/")}`;
  const query = queryStart === -1 ? "" : url.slice(queryStart);
  return `${prefix}${nameSegments.join("%2F")}${suffixPath}${query}`;
}
