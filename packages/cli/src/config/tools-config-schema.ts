import type { ToolConfig } from "@quire/server";
import { z } from "zod";

const tableMessage = { error: "must be a table" };
const nameMessage = { error: 'must be 1–64 letters, digits, "_" or "-", like "search"' };
const timeoutMessage = { error: "must be a whole number of milliseconds from 1 to 600000" };
const bytesMessage = { error: "must be a whole number of bytes from 1 to 16777216" };
const variableMessage =
  'must map each header to the *name* of the environment variable holding its value, like { Authorization = "SEARCH_AUTHORIZATION" } (values are not shown: one may be a secret)';

/**
 * One `[[tools]]` table: a tool ReAct and tool calling may call on `/run`, run by an HTTP
 * endpoint the operator owns. Quire POSTs `{"name", "arguments"}` to `url`; the response body
 * is the result. `headers` name environment variables, never hold values.
 */
export const toolSchema = z.strictObject(
  {
    name: z.string(nameMessage).regex(/^[A-Za-z0-9_-]{1,64}$/, nameMessage),
    description: z.string({ error: "must be a string" }).optional(),
    parameters: z
      .record(z.string(), z.unknown(), {
        error:
          'must be a JSON Schema as an inline table, like { type = "object", properties = { query = { type = "string" } } }',
      })
      .refine((schema) => schema.type === "object", {
        error: 'must describe an object (type = "object"): a tool takes named arguments',
      }),
    url: z
      .string({ error: "must be a string" })
      .refine((text) => /^https?:\/\/[^/]/.test(text) && URL.canParse(text), {
        error: 'must be an http:// or https:// URL, like "http://127.0.0.1:8080/search"',
      }),
    timeoutMs: z.int(timeoutMessage).min(1, timeoutMessage).max(600_000, timeoutMessage).optional(),
    headers: z
      .record(z.string(), z.string(), { error: variableMessage })
      .superRefine((headers, context) => {
        for (const [header, variable] of Object.entries(headers)) {
          if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
            context.addIssue({
              code: "custom",
              path: [],
              message: `has ${JSON.stringify(header)}, which is not a header name`,
            });
          } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
            // Reported without the value: it may be a pasted secret.
            context.addIssue({ code: "custom", path: [], message: variableMessage });
          }
        }
      })
      .optional(),
    maxResponseBytes: z
      .int(bytesMessage)
      .min(1, bytesMessage)
      .max(16 * 1024 * 1024, bytesMessage)
      .optional(),
  },
  tableMessage,
) satisfies z.ZodType<ToolConfig>; // quire.toml's tools are what the server's registry takes

export const toolsSchema = z
  .array(toolSchema, { error: "must be an array of tables, written [[tools]]" })
  .superRefine((tools, context) => {
    const seen = new Map<string, number>();
    tools.forEach((tool, index) => {
      const first = seen.get(tool.name);
      if (first === undefined) seen.set(tool.name, index);
      else {
        context.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `repeats the name of tools entry ${first + 1}; each tool needs its own`,
        });
      }
    });
  });
