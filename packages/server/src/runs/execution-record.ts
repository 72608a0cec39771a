import { contextSignature, type NewExecution } from "@quire/core";
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
}

/** The provider part of `provider/model`. */
function providerOf(modelId: string): string | null {
  const slash = modelId.indexOf("/");
  return slash > 0 ? modelId.slice(0, slash) : null;
}

/**
 * The execution record of a run, success or failure. The caller's metadata is stored as given;
 * when the run used a strategy or fell back, `metadata.quire` says so (strategy, failures).
 */
export function executionRecordOf(prepared: PreparedRun, ending: RunEnding): NewExecution {
  const { rendered, request } = prepared;
  const { summary } = ending;
  const notes = {
    ...(ending.strategy === "direct" ? {} : { strategy: ending.strategy }),
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
  const metadata =
    Object.keys(notes).length === 0 ? request.metadata : { ...request.metadata, quire: notes };
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
  };
}
