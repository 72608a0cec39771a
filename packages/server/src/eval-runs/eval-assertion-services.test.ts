import { type EvalRunPlan, evaluateAssertions } from "@quire/core";
import type { AccessStore, ProjectRecord } from "@quire/store";
import { describe, expect, it } from "vitest";
import { evalAssertionServices, noEmbeddingModelReason } from "./eval-assertion-services.js";
import { EvalModels } from "./eval-models.js";

const project = (allowJavaScriptAssertions: boolean): ProjectRecord => ({
  id: "default",
  name: "Default",
  protectedLabels: [],
  twoPersonRule: false,
  allowJavaScriptAssertions,
  createdAt: "2026-11-21T10:00:00.000Z",
});

const accessWith = (record: ProjectRecord) =>
  ({ getProject: async () => record }) as unknown as AccessStore;

// A plan without a judge: only the javascript and embedding services are looked at here.
const plan = {} as EvalRunPlan;

describe("evalAssertionServices", () => {
  it("gives the sandbox only to a project that allows it, and says which key sets an embedding model", async () => {
    const runJavaScript = async () => true;
    const options = { models: new EvalModels(), embeddingModel: undefined, runJavaScript };
    const signal = new AbortController().signal;
    const off = await evalAssertionServices(
      "default",
      plan,
      { ...options, access: accessWith(project(false)) },
      signal,
    );
    expect(off.runJavaScript).toBeUndefined();
    const on = await evalAssertionServices(
      "default",
      plan,
      { ...options, access: accessWith(project(true)) },
      signal,
    );
    expect(on.runJavaScript).toBe(runJavaScript);

    const score = await evaluateAssertions(
      [{ type: "similar", value: "hi" }],
      { output: "hi", variables: {} },
      off,
    );
    expect(score.results[0]).toMatchObject({ errored: true, reason: noEmbeddingModelReason });
    expect(noEmbeddingModelReason).toContain("[evaluation] embeddingModel");
  });
});
