import { z } from "zod";

const tableMessage = { error: "must be a table" };
const concurrencyMessage = {
  error: "must be a whole number of eval runs from 0 (this server runs none) to 64",
};
const leaseMessage = { error: "must be a whole number of seconds from 5 to 3600" };
const pollMessage = { error: "must be a whole number of milliseconds from 10 to 600000" };
const modelMessage = {
  error: 'must be "provider/model" of a provider\'s embeddingModels, like "local/nomic-embed-text"',
};

/**
 * quire.toml's `[evaluation]`: the server's eval-run worker and the embedding model of `similar`
 * assertions in server eval runs (`quire eval` reads its own config file, not this table).
 */
export const evaluationTableSchema = z.strictObject(
  {
    embeddingModel: z
      .string(modelMessage)
      .regex(/^[^/\s]+\/\S+$/, modelMessage)
      .optional(),
    concurrency: z
      .int(concurrencyMessage)
      .min(0, concurrencyMessage)
      .max(64, concurrencyMessage)
      .optional(),
    leaseSeconds: z.int(leaseMessage).min(5, leaseMessage).max(3600, leaseMessage).optional(),
    pollIntervalMs: z.int(pollMessage).min(10, pollMessage).max(600_000, pollMessage).optional(),
  },
  tableMessage,
);

export type EvaluationTable = z.infer<typeof evaluationTableSchema>;
