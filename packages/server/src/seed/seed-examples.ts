import { isQuireError } from "@quire/core";
import type { PromptService } from "../prompts/prompt-service.js";
import { examplePrompts } from "./example-prompts.js";

export const seedAuthor = "quire";

/**
 * Creates the example prompts. Called on the first start of an empty database; a prompt that
 * already exists (another instance seeding at the same moment) is left alone.
 */
export async function seedExamples(prompts: PromptService): Promise<string[]> {
  const created: string[] = [];
  for (const example of examplePrompts) {
    try {
      await prompts.createPrompt(example, seedAuthor);
      created.push(example.name);
    } catch (error) {
      if (!(isQuireError(error) && error.code === "CONFLICT")) throw error;
    }
  }
  return created;
}
