import { contextSignature } from "@quire/core";
import { capExecutionContent, type NewExecutionRecord } from "@quire/store";
import type { PreparedRun } from "./prepare-run.js";
import type { CallSummary } from "./summarize-calls.js";

/** How a run ended, for its execution record. */
export interface RunEnding {
  summary: CallSummary;
  /** The model the record names: the one that served, else the first of the chain. */
  model: string;
  strategy: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** Undefined on success. */
  errorClass?: string;
  /** The answer's text as the caller got it (redacted when the run redacted); none on failure. */
  output?: string;
  /** ReAct or tool calling: a compact note of the tool use (`metadata.quire.tools`). */
  toolUse?: Record<string, unknown>;
  /** Log the variables and the output (false: `[executions] storeContent = false`). */
  storeContent: boolean;
}

/** The provider part of `provider/model`. */
function providerOf(modelId: string): string | null {
  const slash = modelId.indexOf("/");
  return slash > 0 ? modelId.slice(0, slash) : null;
}

/**
 * The execution record of a run, success or failure. The caller's metadata is stored as given;
 * when the run used a strategy, continued a conversation (`continuationMessages`: how many messages
 * the request appended) or fell back, `metadata.quire` says so (strategy, failures). A
 * draft's run has version null and `metadata.draft: true`, so it counts for no version. The
 * variables as given and the output text are kept unless content logging is off (the store caps
 * them at 64 KB each).
 */
export function executionRecordOf(prepared: PreparedRun, ending: RunEnding): NewExecutionRecord {
  const { rendered, request } = prepared;
  const { summary } = ending;
  const notes = {
    ...(ending.strategy === "direct" ? {} : { strategy: ending.strategy }),
    ...(ending.toolUse === undefined ? {} : { tools: ending.toolUse }),
    // A continuation of a tool-calling run: how many messages the request appended.
    ...(request.messages === undefined ? {} : { continuationMessages: request.messages.length }),
    ...(summary.failures.length === 0
      ? {}
      : {
          failures: summary.failures.map(({ modelId, errorClass, status }) => ({
            modelId,
            errorClass,
            ...(status === undefined ? {} : { status }),
          })),
        }),
  };
  const draft = rendered.version === null;
  const metadata =
    Object.keys(notes).length === 0 && !draft
      ? request.metadata
      : {
          ...request.metadata,
          ...(draft ? { draft: true } : {}),
          ...(Object.keys(notes).length === 0 ? {} : { quire: notes }),
        };
  const answered = summary.usage.modelCalls > 0;
  return {
    promptName: rendered.prompt,
    version: rendered.version,
    label: rendered.label,
    componentVersions: rendered.provenance.components.map((component) => ({
      name: component.name,
      version: component.version,
      reference: component.reference,
    })),
    model: ending.model,
    provider: providerOf(ending.model),
    inputTokens: answered ? summary.usage.inputTokens : null,
    outputTokens: answered ? summary.usage.outputTokens : null,
    cachedTokens: answered ? summary.usage.cachedInputTokens : null,
    latencyMs: ending.latencyMs,
    timeToFirstTokenMs: ending.timeToFirstTokenMs,
    cost: answered ? (summary.cost?.usd ?? null) : null,
    costEstimated: summary.cost?.estimated ?? false,
    success: ending.errorClass === undefined,
    errorClass: ending.errorClass ?? null,
    cacheHit: summary.cacheHit,
    contextSignature: contextSignature({ variables: request.variables }),
    endUserId: request.userId ?? null,
    sessionId: request.sessionId ?? null,
    metadata: metadata ?? null,
    ...(ending.storeContent ? contentOf(request.variables, ending.output) : {}),
  };
}

/** Variables and output capped now: the log writer's buffer holds no more than the store keeps. */
function contentOf(
  variables: Record<string, unknown>,
  output: string | undefined,
): Pick<NewExecutionRecord, "variables" | "output" | "contentTruncated"> {
  const capped = capExecutionContent(variables, output);
  return {
    variables: capped.variables,
    output: capped.output,
    ...(capped.truncated ? { contentTruncated: true } : {}),
  };
}
