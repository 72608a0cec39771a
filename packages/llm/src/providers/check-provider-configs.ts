import { QuireError } from "@quire/core";
import { type ProviderConfig, providerKinds, providerNamePattern } from "./provider-config.js";

export const environmentVariablePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks provider configurations that did not come through quire.toml's schema (which checks the
 * same things with messages by key): names unique and well-formed, a known kind, a base URL where
 * one is needed, at least one model, and an environment variable *name* for the key.
 */
export function checkProviderConfigs(providers: readonly ProviderConfig[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  providers.forEach((provider, index) => {
    const where = `providers[${index}]`;
    if (typeof provider.name !== "string" || !providerNamePattern.test(provider.name)) {
      problems.push(
        `${where}.name must be letters, digits, "_", "." or "-" (no "/"), got ${JSON.stringify(provider.name)}`,
      );
    } else if (seen.has(provider.name)) {
      problems.push(`${where}.name "${provider.name}" is used by another provider`);
    } else {
      seen.add(provider.name);
    }
    if (!(providerKinds as readonly string[]).includes(provider.kind)) {
      problems.push(
        `${where}.kind must be one of ${providerKinds.join(", ")}, got ${JSON.stringify(provider.kind)}`,
      );
    }
    if (provider.baseUrl === undefined) {
      if (provider.kind === "openai-compatible") {
        problems.push(`${where}.baseUrl is needed for an openai-compatible provider`);
      }
    } else if (!isHttpUrl(provider.baseUrl)) {
      problems.push(
        `${where}.baseUrl must be an http:// or https:// URL, got ${JSON.stringify(provider.baseUrl)}`,
      );
    }
    const lists = { models: provider.models, embeddingModels: provider.embeddingModels ?? [] };
    for (const [key, list] of Object.entries(lists)) {
      if (!Array.isArray(list) || list.some((model) => typeof model !== "string" || model === "")) {
        problems.push(`${where}.${key} must be a list of model names`);
      }
    }
    if (
      Array.isArray(provider.models) &&
      provider.models.length + lists.embeddingModels.length === 0
    ) {
      problems.push(`${where}.models must name at least one model`);
    }
    if (provider.kind === "anthropic" && lists.embeddingModels.length > 0) {
      problems.push(`${where}.embeddingModels: Anthropic serves no embedding models`);
    }
    if (provider.apiKeyEnv !== undefined && !environmentVariablePattern.test(provider.apiKeyEnv)) {
      problems.push(
        `${where}.apiKeyEnv must be the name of an environment variable (like OPENAI_API_KEY), not the key itself`,
      );
    }
  });
  if (problems.length > 0) {
    throw new QuireError(
      "CONFIG_INVALID",
      `Invalid provider configuration: ${problems.join("; ")}.`,
      {
        details: { problems },
      },
    );
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const protocol = new URL(text).protocol;
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
