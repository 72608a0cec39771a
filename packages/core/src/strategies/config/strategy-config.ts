import { z } from "zod";
import { QuireError } from "../../errors/index.js";
import { answerExtractorNames } from "../self-consistency/answer-extractors.js";

const whole = (maximum: number, minimum = 1) => z.number().int().min(minimum).max(maximum);
const score = z.number().min(0).max(10);

const directConfig = z.strictObject({ strategy: z.literal("direct") });

const selfConsistencyConfig = z.strictObject({
  strategy: z.literal("self-consistency"),
  samples: whole(100).default(5),
  concurrency: whole(100).optional(),
  minSuccesses: whole(100).optional(),
  /** A named answer extractor; `answerPattern` (a regular expression) takes precedence. */
  answer: z.enum(answerExtractorNames).optional(),
  answerPattern: z.string().min(1).optional(),
  weighting: z.enum(["auto", "majority", "confidence"]).optional(),
});

const treeOfThoughtsConfig = z.strictObject({
  strategy: z.literal("tree-of-thoughts"),
  search: z.enum(["beam", "breadth-first"]).optional(),
  maxDepth: whole(10).optional(),
  branching: whole(10).optional(),
  beamWidth: whole(20).optional(),
  maxFrontier: whole(50).optional(),
  minScore: score.optional(),
  stopScore: score.optional(),
  generation: z.enum(["propose", "sample"]).optional(),
  concurrency: whole(20).optional(),
  finalAnswer: z.boolean().optional(),
  templates: z
    .strictObject({
      generator: z.string().min(1).optional(),
      evaluator: z.string().min(1).optional(),
      answer: z.string().min(1).optional(),
    })
    .optional(),
});

const reactConfig = z.strictObject({
  strategy: z.literal("react"),
  maxSteps: whole(100).optional(),
  instructions: z.string().min(1).optional(),
  maxObservationCharacters: whole(1_000_000, 100).optional(),
});

const structuredOutputConfig = z.strictObject({
  strategy: z.literal("structured-output"),
  maxRetries: whole(10, 0).optional(),
  /** A JSON Schema; default: the version's output schema. */
  schema: z.record(z.string(), z.unknown()).optional(),
  name: z.string().min(1).optional(),
  instructions: z.union([z.string().min(1), z.literal(false)]).optional(),
  responseFormat: z.boolean().optional(),
});

const toolCallingConfig = z.strictObject({
  strategy: z.literal("tool-calling"),
  maxRounds: whole(50).optional(),
  toolChoice: z
    .union([z.enum(["auto", "none", "required"]), z.strictObject({ name: z.string().min(1) })])
    .optional(),
  parallel: z.boolean().optional(),
});

const members = {
  direct: directConfig,
  "self-consistency": selfConsistencyConfig,
  "tree-of-thoughts": treeOfThoughtsConfig,
  react: reactConfig,
  "structured-output": structuredOutputConfig,
  "tool-calling": toolCallingConfig,
} as const;

export type StrategyName = keyof typeof members;
export const strategyNames = Object.keys(members) as StrategyName[];

/** A version's `config.strategy`, checked: the strategy's name and its options. */
export const strategyConfigSchema = z
  .discriminatedUnion("strategy", [
    directConfig,
    selfConsistencyConfig,
    treeOfThoughtsConfig,
    reactConfig,
    structuredOutputConfig,
    toolCallingConfig,
  ])
  .superRefine((config, context) => {
    if (
      config.strategy === "self-consistency" &&
      config.minSuccesses !== undefined &&
      config.minSuccesses > config.samples
    ) {
      context.addIssue({
        code: "custom",
        path: ["minSuccesses"],
        message: `must be at most samples (${config.samples})`,
      });
    }
  });

export type StrategyConfig = z.output<typeof strategyConfigSchema>;
export type StrategyConfigInput = z.input<typeof strategyConfigSchema>;

/** `Self Consistency`, `self_consistency` and `self-consistency` all name one strategy. */
function strategyNameOf(value: string): StrategyName | undefined {
  const normalized = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return (strategyNames as string[]).includes(normalized)
    ? (normalized as StrategyName)
    : undefined;
}

function invalid(message: string, details: Record<string, unknown>): QuireError {
  return new QuireError("VALIDATION_FAILED", message, { details });
}

/**
 * The strategy a version's config declares, or undefined when it declares none. Two forms:
 * nested, `strategy: {strategy: self-consistency, samples: 5}` (`name` may stand for the inner
 * `strategy`); and flat, as in a `.prompt` file's config, `strategy: self-consistency` with the
 * options beside it (`samples: 5`; keys the strategy does not take are left to the model config).
 * Throws VALIDATION_FAILED naming the key and what it accepts.
 */
export function readStrategyConfig(config: Record<string, unknown>): StrategyConfig | undefined {
  const declared = config.strategy;
  if (declared === undefined || declared === null) return undefined;
  let candidate: Record<string, unknown>;
  let prefix: string;
  let nameValue: unknown;
  if (typeof declared === "string") {
    nameValue = declared;
    prefix = "config";
    const name = strategyNameOf(declared);
    const shape = name === undefined ? {} : members[name].shape;
    candidate = Object.fromEntries(
      Object.entries(config).filter(([key]) => key !== "strategy" && key in shape),
    );
  } else if (typeof declared === "object" && !Array.isArray(declared)) {
    const { name, strategy, ...options } = declared as Record<string, unknown>;
    if (name !== undefined && strategy !== undefined) {
      throw invalid('config.strategy gives both "name" and "strategy"; keep one', {
        name,
        strategy,
      });
    }
    nameValue = strategy ?? name;
    prefix = "config.strategy";
    candidate = options;
  } else {
    throw invalid(
      `config.strategy must be a strategy name or an object like {strategy: "self-consistency", samples: 5}, got ${JSON.stringify(declared)}`,
      { strategy: declared },
    );
  }
  const strategy = typeof nameValue === "string" ? strategyNameOf(nameValue) : undefined;
  if (strategy === undefined) {
    throw invalid(
      `config.strategy names ${JSON.stringify(nameValue ?? null)}, which is not a strategy; use one of ${strategyNames.join(", ")}`,
      { strategy: nameValue ?? null, strategies: strategyNames },
    );
  }
  const parsed = strategyConfigSchema.safeParse({ ...candidate, strategy });
  if (parsed.success) return parsed.data;
  const takes = Object.keys(members[strategy].shape).filter((key) => key !== "strategy");
  const problems = parsed.error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((key) => `"${key}"`).join(", ");
      return `${path} has ${issue.keys.length === 1 ? "the unknown key" : "unknown keys"} ${keys}; ${strategy} takes ${takes.length === 0 ? "no options" : takes.join(", ")}`;
    }
    return `${path}: ${issue.message}`;
  });
  throw invalid(`The ${strategy} strategy config is invalid: ${problems.join("; ")}`, {
    strategy,
    problems,
  });
}
