import { type ListProvidersResponse, listProvidersResponseSchema } from "@quire/core";
import type { ProviderDescription, ProviderRegistry } from "@quire/llm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";

/** A base URL without what could be a secret: user, password, query and fragment. */
export function shownBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

function described(provider: ProviderDescription): ListProvidersResponse["items"][number] {
  return {
    name: provider.name,
    kind: provider.kind,
    baseUrl: shownBaseUrl(provider.baseUrl),
    models: provider.models.map((model) => `${provider.name}/${model}`),
    embeddingModels: provider.embeddingModels.map((model) => `${provider.name}/${model}`),
    apiKeyEnv: provider.apiKeyEnv ?? null,
    apiKeySet: provider.apiKeySet,
  };
}

/**
 * `GET /v1/providers` (any member): the configured providers, their models, and whether each
 * one's key variable is set — never a key. For the UI's playground and settings.
 */
export function registerProviderRoutes(
  app: FastifyInstance,
  registry: ProviderRegistry | undefined,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/v1/providers",
    {
      schema: {
        tags: ["providers"],
        summary: "The configured model providers, their models, and whether their keys are set",
        description:
          "From quire.toml's [[providers]], read at start. A key is never returned: only the variable it is read from and whether that variable was set.",
        security: secured,
        response: { 200: listProvidersResponseSchema, ...errorResponses },
      },
    },
    async (): Promise<ListProvidersResponse> => ({
      items: (registry?.providers ?? []).map(described),
    }),
  );
}
