import { QuireError } from "../../errors/index.js";
import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { LanguageModel } from "../../models/language-model.js";
import { extractJson } from "../../output-parsers/json-output.js";
import type { ValidationProblem } from "../../schemas/validation-problem.js";
import { checkedLimit } from "../common/checked-limit.js";
import { checkTemplate, fillTemplate } from "../common/fill-template.js";
import { appendToPrompt, assistantText, userText } from "../common/message-text.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import {
  compileStrategySchema,
  problemLines,
  type SchemaCheck,
  type SchemaInput,
} from "../common/strategy-schema.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import {
  defaultRepairInstructions,
  defaultStructuredOutputInstructions,
} from "./structured-output-prompts.js";

export interface StructuredOutputOptions<T> extends StrategyCallOptions {
  messages: ChatMessage[];
  /** JSON Schema (checked with ajv) or a zod schema (checked by zod; sent as its JSON Schema). */
  schema: SchemaInput<T>;
  /** The schema's name in the JSON response format; default `output`. */
  name?: string;
  /** Repair attempts after the first answer; default 2 (3 calls at most). */
  maxRetries?: number;
  /** Replaces the instructions added to the prompt ({{schema}}); `false` adds none. */
  instructions?: string | false;
  /** Replaces the message sent after a bad answer ({{problems}}). */
  repairInstructions?: string;
  /** Ask for JSON with the provider's response format too; default true. */
  responseFormat?: boolean;
}

export interface StructuredOutputAttempt {
  attempt: number;
  text: string;
  /** Empty for the attempt that matched. */
  problems: ValidationProblem[];
}

export interface StructuredOutputResult<T> {
  value: T;
  /** The text of the answer that matched. */
  text: string;
  attempts: StructuredOutputAttempt[];
  usage: StrategyUsage;
}

/** The JSON in a reply, checked: parse failures are problems like any other. */
function checkReply<T>(text: string, check: (value: unknown) => SchemaCheck<T>): SchemaCheck<T> {
  let value: unknown;
  try {
    value = extractJson(text).value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: "", keyword: "json", message }] };
  }
  return check(value);
}

const shownCharacters = 2_000;

/**
 * Asks for JSON matching a schema: the schema goes into the prompt (and the JSON response format),
 * the JSON is taken from the reply (bare, fenced or inside text) and checked; a reply that does not
 * match is sent back with its problems, up to `maxRetries` times. After the last attempt, throws
 * VALIDATION_FAILED with every attempt's problems in `details.attempts`. Model errors are thrown
 * as they come (retrying them is the provider layer's work).
 */
export async function generateStructured<T = unknown>(
  model: LanguageModel,
  options: StructuredOutputOptions<T>,
): Promise<StructuredOutputResult<T>> {
  const maxRetries = checkedLimit(
    "Structured output",
    "maxRetries",
    options.maxRetries ?? 2,
    [0, 10],
  );
  const compiled = compileStrategySchema(options.schema, "output schema");
  const repair = options.repairInstructions ?? defaultRepairInstructions;
  checkTemplate(repair, ["problems"], "structured-output repair instructions");
  const instructions = options.instructions ?? defaultStructuredOutputInstructions;
  if (instructions !== false)
    checkTemplate(instructions, ["schema"], "structured-output instructions");
  const meter = new UsageMeter(model);
  const schemaText = JSON.stringify(compiled.jsonSchema, null, 2);
  let messages =
    instructions === false
      ? [...options.messages]
      : appendToPrompt(options.messages, fillTemplate(instructions, { schema: schemaText }));
  const responseFormat =
    options.responseFormat === false
      ? {}
      : {
          responseFormat: {
            type: "json" as const,
            schema: compiled.jsonSchema,
            name: options.name ?? "output",
          },
        };
  const attempts: StructuredOutputAttempt[] = [];
  for (let attempt = 1; attempt <= maxRetries + 1; attempt += 1) {
    const { text } = await meter.generate(requestFor(messages, options, responseFormat));
    const checked = checkReply(text, (value) => compiled.check(value));
    if (checked.ok) {
      attempts.push({ attempt, text, problems: [] });
      return { value: checked.value, text, attempts, usage: meter.usage() };
    }
    attempts.push({ attempt, text, problems: checked.problems });
    messages = [
      ...messages,
      assistantText(text),
      userText(fillTemplate(repair, { problems: problemLines(checked.problems) })),
    ];
  }
  const last = attempts.at(-1);
  throw new QuireError(
    "VALIDATION_FAILED",
    `The model's output did not match the output schema after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"}; the last one: ${(last?.problems ?? []).map((problem) => problem.message).join("; ")}`,
    {
      details: {
        attempts: attempts.map(({ attempt, text, problems }) => ({
          attempt,
          problems,
          text: text.length > shownCharacters ? `${text.slice(0, shownCharacters)}…` : text,
        })),
        usage: meter.usage(),
      },
    },
  );
}
