import { QuireError } from "@quire/core";
import type { z } from "zod";

export type RequestPart = "body" | "querystring" | "params" | "headers";

const partNames: Record<RequestPart, string> = {
  body: "request body",
  querystring: "query string",
  params: "URL path",
  headers: "headers",
};

export interface ValidationIssue {
  location: RequestPart;
  path: string;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const alternatives = issue.errors.map((branch) =>
      branch
        .map(
          (inner) => `${inner.path.length > 0 ? `${inner.path.join(".")}: ` : ""}${inner.message}`,
        )
        .join(", "),
    );
    return `matches none of the accepted forms (${alternatives.join(" | ")})`;
  }
  return issue.message;
}

function flatten(location: RequestPart, issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    location,
    path: issue.path.map(String).join("."),
    message: describeIssue(issue),
  }));
}

/**
 * A request that does not match its schema: 422 listing each field path and its problem. A
 * missing body is a 400 (the request is malformed rather than invalid).
 */
export function requestValidationError(
  part: RequestPart,
  data: unknown,
  error: z.ZodError,
): QuireError {
  if (part === "body" && data === undefined) {
    return new QuireError(
      "BAD_REQUEST",
      "The request has no body: send a JSON object with Content-Type: application/json.",
    );
  }
  const issues = flatten(part, error.issues);
  const listed = issues
    .map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`))
    .join("; ");
  const ending = /[.!?]$/.test(listed) ? "" : ".";
  return new QuireError("VALIDATION_FAILED", `Invalid ${partNames[part]}: ${listed}${ending}`, {
    details: { issues },
  });
}
