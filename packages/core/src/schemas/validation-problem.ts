import type { ErrorObject } from "ajv";
import { describeSchema, describeValue } from "./describe-value.js";

/** One thing wrong with the variables, as reported in `details.problems`. */
export interface ValidationProblem {
  /** The variable, as a path: `ticket`, `customer.age`, `examples[2].answer` ("" for all of them). */
  path: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `enum`…), or `unknown`/`bound`. */
  keyword: string;
  /** What the schema expects there, in words, when it says. */
  expected?: string;
  /** What was given, in words (`string "abc"`); absent for a missing variable. */
  received?: string;
  message: string;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** A JSON pointer (`/customer/age`, `/examples/2`) as a variable path (`customer.age`, `examples[2]`). */
export function variablePath(pointer: string): string {
  if (pointer === "") return "";
  let path = "";
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (identifier.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The path of property `name` of the variable at `parent`. */
export function propertyPath(parent: string, name: string): string {
  if (identifier.test(name)) return parent === "" ? name : `${parent}.${name}`;
  return `${parent}[${JSON.stringify(name)}]`;
}

function subject(path: string): string {
  return path === "" ? "The variables" : `Variable "${path}"`;
}

/** One ajv error as a problem a person can act on. */
export function problemFromAjvError(error: ErrorObject): ValidationProblem {
  const path = variablePath(error.instancePath);
  const received = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const name = String(params.missingProperty);
      const missingPath = propertyPath(path, name);
      const properties = (
        error.parentSchema as { properties?: Record<string, unknown> } | undefined
      )?.properties;
      const expected = describeSchema(properties?.[name]);
      return {
        path: missingPath,
        keyword: "required",
        ...(expected === undefined ? {} : { expected }),
        message: `Missing required variable "${missingPath}"${expected === undefined ? "" : ` (${expected})`}`,
      };
    }
    case "type": {
      const expected = Array.isArray(params.type) ? params.type.join(" or ") : String(params.type);
      return {
        path,
        keyword: "type",
        expected,
        received,
        message: `${subject(path)} must be ${expected}, got ${received}`,
      };
    }
    case "enum":
    case "const": {
      const expected = describeSchema(
        error.schema === undefined ? undefined : { [error.keyword]: error.schema },
      );
      return {
        path,
        keyword: error.keyword,
        ...(expected === undefined ? {} : { expected }),
        received,
        message: `${subject(path)} must be ${expected ?? error.message}, got ${received}`,
      };
    }
    case "additionalProperties": {
      const extraPath = propertyPath(path, String(params.additionalProperty));
      return {
        path: extraPath,
        keyword: "additionalProperties",
        received: describeValue(
          (error.data as Record<string, unknown>)?.[String(params.additionalProperty)],
        ),
        message: `Variable "${extraPath}" is not declared by the input schema, which allows no others`,
      };
    }
    case "format":
      return {
        path,
        keyword: "format",
        expected: `a valid ${String(params.format)}`,
        received,
        message: `${subject(path)} must be a valid ${String(params.format)}, got ${received}`,
      };
    default:
      return {
        path,
        keyword: error.keyword,
        received,
        message: `${subject(path)} ${error.message ?? "is invalid"}, got ${received}`,
      };
  }
}
