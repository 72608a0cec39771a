import { dotpromptHelperNames } from "../../prompt-files/dotprompt-helpers.js";

/** Dotprompt helpers that mean nothing without an argument (`history` takes none). */
const helpersNeedingArguments = new Set<string>(
  dotpromptHelperNames.filter((name) => name !== "history"),
);

export interface HelperMisuse {
  helper: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Finds `{{role}}`, `{{json}}`, `{{section}}`… written without an argument. With Dotprompt's
 * helpers known, such a tag calls the helper instead of printing a variable of that name, and
 * renders garbage (`<<<dotprompt:role:[object Object]>>>`): "You are {{role}}" is a common
 * prompt, so it is refused with the way out.
 */
export function findHelperMisuse(program: hbs.AST.Program): HelperMisuse | undefined {
  let found: HelperMisuse | undefined;
  const visit = (value: unknown): void => {
    if (found !== undefined || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as {
      type?: string;
      path?: hbs.AST.PathExpression;
      params?: unknown[];
      hash?: { pairs?: unknown[] };
      loc?: hbs.AST.SourceLocation;
    };
    const isCall =
      node.type === "MustacheStatement" ||
      node.type === "BlockStatement" ||
      node.type === "SubExpression";
    const path = node.path;
    if (
      isCall &&
      path?.type === "PathExpression" &&
      !path.data &&
      path.parts.length === 1 &&
      path.original === path.parts[0] &&
      helpersNeedingArguments.has(path.original) &&
      (node.params?.length ?? 0) === 0 &&
      (node.hash?.pairs?.length ?? 0) === 0
    ) {
      const helper = path.original;
      found = {
        helper,
        line: node.loc?.start.line ?? 1,
        column: node.loc?.start.column ?? 0,
        message: `{{${helper}}} calls Dotprompt's "${helper}" helper, which needs an argument${helper === "role" ? ' (e.g. {{role "system"}})' : ""}; to print a variable named ${helper}, write {{this.${helper}}} or rename the variable`,
      };
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child);
  };
  visit(program);
  return found;
}
