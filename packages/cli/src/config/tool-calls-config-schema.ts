import { z } from "zod";

const parallelMessage = { error: "must be a whole number of calls from 1 to 64" };
const perRoundMessage = { error: "must be a whole number of calls from 1 to 1000" };

/**
 * quire.toml's `[toolCalls]`: how many tool calls of one model round the server runs at once
 * (`maxParallel`, default 4) and in all (`maxPerRound`, default 16; the model's further calls get
 * an error result saying the limit). Its own table: `tools` is the `[[tools]]` list.
 */
export const toolCallsTableSchema = z.strictObject(
  {
    maxParallel: z.int(parallelMessage).min(1, parallelMessage).max(64, parallelMessage).optional(),
    maxPerRound: z
      .int(perRoundMessage)
      .min(1, perRoundMessage)
      .max(1_000, perRoundMessage)
      .optional(),
  },
  { error: "must be a table" },
);

export type ToolCallsTable = z.infer<typeof toolCallsTableSchema>;
