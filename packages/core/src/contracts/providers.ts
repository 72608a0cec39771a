import { z } from "zod";

/** A configured model provider as the API shows it: whether its key is set, never the key. */
export const providerSchema = z.object({
  name: z.string().describe('The provider\'s name in quire.toml, e.g. "openai"'),
  kind: z.string().describe('"openai", "anthropic", "openai-compatible"…'),
  baseUrl: z.string().describe("Where its API is (without any user, password or query)"),
  models: z.array(z.string()).describe("Language models, as `provider/model` ids"),
  embeddingModels: z.array(z.string()).describe("Embedding models, as `provider/model` ids"),
  apiKeyEnv: z
    .string()
    .nullable()
    .describe("The environment variable its key is read from; null when it needs none"),
  apiKeySet: z.boolean().describe("True when that variable was set when the server started"),
});
export type ProviderInfo = z.infer<typeof providerSchema>;

export const listProvidersResponseSchema = z.object({
  items: z.array(providerSchema).describe("The server's [[providers]], in configuration order"),
});
export type ListProvidersResponse = z.infer<typeof listProvidersResponseSchema>;
