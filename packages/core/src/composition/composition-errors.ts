import { isQuireError, QuireError } from "../errors/index.js";
import type { ComponentReferenceSite } from "./reference-site.js";

/** A template that includes components: the prompt being composed, or one of its components. */
export interface Includer {
  /** Undefined for a template that is not a stored prompt yet. */
  name: string | undefined;
  version: number | undefined;
}

function includerName(includer: Includer): string {
  if (includer.name === undefined) return "the template";
  return includer.version === undefined ? includer.name : `${includer.name}:${includer.version}`;
}

/** `support/triage:4 (message 2, line 3, column 1)`. */
export function describeSite(includer: Includer, site: ComponentReferenceSite): string {
  const message = site.message === undefined ? "" : `message ${site.message + 1}, `;
  return `${includerName(includer)} (${message}line ${site.line}, column ${site.column})`;
}

/** Details naming where a reference is: includer, message (1-based), line, column. */
export function siteDetails(includer: Includer, site: ComponentReferenceSite) {
  return {
    component: site.written,
    includedBy: includer.name ?? null,
    ...(includer.version === undefined ? {} : { includedByVersion: includer.version }),
    ...(site.message === undefined ? {} : { message: site.message + 1 }),
    line: site.line,
    column: site.column,
  };
}

export interface MissingComponent {
  includer: Includer;
  site: ComponentReferenceSite;
  cause: QuireError;
}

/** 422: components that do not resolve (no such prompt, label pointing nowhere, no such version). */
export function componentNotFoundError(missing: readonly MissingComponent[]): QuireError {
  const problems = missing.map(({ includer, site, cause }) => ({
    ...siteDetails(includer, site),
    problem: cause.message,
  }));
  const lines = missing.map(
    ({ includer, site, cause }) =>
      `"${site.written}" included by ${describeSite(includer, site)}: ${cause.message}`,
  );
  const first = problems[0];
  const message =
    missing.length === 1
      ? `Component ${lines[0]}`
      : `${missing.length} components cannot be found:\n${lines.map((line) => `  ${line}`).join("\n")}`;
  return new QuireError(
    "VALIDATION_FAILED",
    `${message}${missing.length === 1 ? "" : "\n"} Create the component, point its label, or fix the reference.`,
    {
      details: { reason: "component-not-found", ...first, problems },
      cause: missing[0]?.cause,
    },
  );
}

/** 422: a chain of components that leads back to a prompt already in it. */
export function componentCycleError(
  cycle: readonly string[],
  includer: Includer,
  site: ComponentReferenceSite,
): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Components include each other in a cycle: ${cycle.join(" → ")} (${describeSite(includer, site)} includes "${site.written}"). A prompt cannot include itself, directly or through other components: remove one of these references.`,
    { details: { reason: "component-cycle", cycle: [...cycle], ...siteDetails(includer, site) } },
  );
}

/** 422: components nested deeper than the limit. */
export function componentDepthError(
  chain: readonly string[],
  limit: number,
  includer: Includer,
  site: ComponentReferenceSite,
): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Components are nested more than ${limit} levels deep: ${chain.join(" → ")}. The limit is ${limit} levels of components below a prompt; flatten the chain (include the inner components directly).`,
    {
      details: {
        reason: "component-depth",
        limit,
        chain: [...chain],
        ...siteDetails(includer, site),
      },
    },
  );
}

/** 422: a component that cannot go where it is included (see the composition README). */
export function componentPlacementError(
  includer: Includer,
  site: ComponentReferenceSite,
  component: string,
  problem: string,
): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Component "${site.written}" (${component}) cannot be included by ${describeSite(includer, site)}: ${problem}`,
    { details: { reason: "component-placement", ...siteDetails(includer, site), problem } },
  );
}

/** Adds the message (1-based) to a template error raised in one message of a chat template. */
export function inMessage(error: unknown, index: number): unknown {
  if (!isQuireError(error) || error.details.message !== undefined) return error;
  return new QuireError(error.code, `${error.message} (in message ${index + 1})`, {
    details: { ...error.details, message: index + 1 },
    cause: error.cause,
    retryable: error.retryable,
  });
}
