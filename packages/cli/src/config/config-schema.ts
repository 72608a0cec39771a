import { z } from "zod";

const portMessage = "must be an integer from 1 to 65535";

export const portSchema = z
  .int({ error: portMessage })
  .min(1, { error: portMessage })
  .max(65_535, { error: portMessage });

const nonEmptyText = z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });

export const serverUrlSchema = nonEmptyText.refine(
  (text) => {
    try {
      const protocol = new URL(text).protocol;
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: 'must be an http:// or https:// URL, like "http://127.0.0.1:4141"' },
);

export const databaseUrlSchema = nonEmptyText.refine((text) => /^postgres(ql)?:\/\//.test(text), {
  error: 'must be a PostgreSQL connection URL, like "postgres://user@host:5432/quire"',
});

const tableMessage = { error: "must be a table" };

/**
 * `quire.toml`. Every key is optional; unknown keys are refused so a typo is reported instead
 * of silently ignored.
 *
 * ```toml
 * [server]
 * url = "http://127.0.0.1:4141"   # where the CLI finds the server
 * host = "127.0.0.1"              # where `quire serve` listens
 * port = 4141
 * dataDir = ".quire"              # embedded database and admin.key
 * databaseUrl = "postgres://…"    # PostgreSQL instead of the embedded database
 *
 * [project]
 * promptsDir = "prompts"          # what `quire push` and `quire pull` read and write
 * ```
 */
export const quireConfigSchema = z.strictObject(
  {
    server: z
      .strictObject(
        {
          url: serverUrlSchema.optional(),
          host: nonEmptyText.optional(),
          port: portSchema.optional(),
          dataDir: nonEmptyText.optional(),
          databaseUrl: databaseUrlSchema.optional(),
        },
        tableMessage,
      )
      .optional(),
    project: z.strictObject({ promptsDir: nonEmptyText.optional() }, tableMessage).optional(),
  },
  tableMessage,
);

export type QuireConfigFile = z.infer<typeof quireConfigSchema>;

/** The keys each table of quire.toml accepts, for "unknown key" messages. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = quireConfigSchema;
  for (const segment of path) {
    const shape = shapeOf(schema);
    const next = shape?.[String(segment)];
    if (next === undefined) return [];
    schema = next;
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}
