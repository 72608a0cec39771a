// @vitest-environment happy-dom
import type { QuireClient, RunOptions } from "@quire/client";
import { QuireError, type RunResponse, type RunStreamEvent } from "@quire/core";
import { act, cleanup, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RunColumn } from "./run-column.js";
import { useColumnRuns } from "./use-column-runs.js";

afterEach(cleanup);

function answer(model: string, output: string): RunResponse {
  return {
    prompt: "support/reply",
    version: 3,
    label: null,
    resolvedBy: "version",
    output,
    model,
    servedBy: model,
    failures: [],
    strategy: "direct",
    finishReason: "stop",
    parameters: {},
    usage: {
      inputTokens: 1200,
      outputTokens: 35,
      cachedInputTokens: 0,
      estimated: false,
      modelCalls: 1,
    },
    cost: { usd: 0.00042, estimated: false, savedUsd: 0 },
    cacheHit: false,
    latencyMs: 812,
    timeToFirstTokenMs: 140,
    provenance: { prompt: "support/reply", version: 3, contentHash: "h", components: [] },
    executionId: "e1",
  } as unknown as RunResponse;
}

/** A client whose streams each model's answer word by word, each word when `release` is called. */
function scriptedClient() {
  const calls: { model: string | undefined; run: RunOptions; signal: AbortSignal | undefined }[] =
    [];
  const waiting: (() => void)[] = [];
  const release = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  const client = {
    streamPrompt(_name: string, run: RunOptions, request: { signal?: AbortSignal } = {}) {
      calls.push({ model: run.model, run, signal: request.signal });
      return (async function* (): AsyncGenerator<RunStreamEvent, void, undefined> {
        if (run.model === "local/broken") {
          yield { type: "delta", text: "partial " };
          throw new QuireError("UNAVAILABLE", "The provider local is not answering.");
        }
        const words = [`${run.model}:`, " hello"];
        for (const word of words) {
          await new Promise<void>((resolve, reject) => {
            waiting.push(resolve);
            request.signal?.addEventListener("abort", () => reject(request.signal?.reason));
          });
          yield { type: "delta", text: word };
        }
        yield { type: "done", result: answer(run.model ?? "", words.join("")) };
      })();
    },
  } as unknown as QuireClient;
  return { client, calls, release };
}

describe("useColumnRuns", () => {
  it("streams every column at once with the same variables, each to its own answer", async () => {
    const { client, calls, release } = scriptedClient();
    const { result } = renderHook(() => useColumnRuns(client));
    act(() => {
      result.current.start(
        "support/reply",
        [
          { id: "a", model: "local/echo" },
          { id: "b", model: "local/mirror" },
        ],
        { version: 3, variables: { customer: "Ada" }, cache: false },
      );
    });
    expect(result.current.running).toBe(true);
    expect(calls.map((call) => [call.model, call.run.version, call.run.variables])).toEqual([
      ["local/echo", 3, { customer: "Ada" }],
      ["local/mirror", 3, { customer: "Ada" }],
    ]);
    await act(async () => release());
    await waitFor(() =>
      expect(result.current.runs.a).toMatchObject({ status: "running", output: "local/echo:" }),
    );
    await act(async () => release());
    await waitFor(() => expect(result.current.running).toBe(false));
    expect(result.current.runs.a).toMatchObject({ status: "done", output: "local/echo: hello" });
    expect(result.current.runs.b).toMatchObject({ status: "done", output: "local/mirror: hello" });
  });

  it("keeps one column's failure in that column while the others finish", async () => {
    const { client, release } = scriptedClient();
    const { result } = renderHook(() => useColumnRuns(client));
    act(() => {
      result.current.start(
        "support/reply",
        [
          { id: "ok", model: "local/echo" },
          { id: "bad", model: "local/broken" },
        ],
        {},
      );
    });
    await waitFor(() => expect(result.current.runs.bad?.status).toBe("failed"));
    expect(result.current.runs.bad).toMatchObject({ output: "partial " });
    await act(async () => release());
    await act(async () => release());
    await waitFor(() => expect(result.current.runs.ok?.status).toBe("done"));
  });

  it("stops every stream on Stop: the requests are aborted and the columns say so", async () => {
    const { client, calls } = scriptedClient();
    const { result } = renderHook(() => useColumnRuns(client));
    act(() => {
      result.current.start("support/reply", [{ id: "a", model: "local/echo" }], {});
    });
    act(() => result.current.stop());
    await waitFor(() => expect(result.current.running).toBe(false));
    expect(calls[0]?.signal?.aborted).toBe(true);
    const run = result.current.runs.a;
    expect(run?.status).toBe("failed");
    expect(run?.status === "failed" && (run.error as Error).message).toBe("You stopped the run.");
  });
});

describe("RunColumn", () => {
  it("shows a finished answer's tokens, latency, first text and cost", () => {
    render(
      <RunColumn
        index={0}
        source="draft"
        model="openai/gpt-4o-mini"
        models={["openai/gpt-4o-mini"]}
        run={{
          status: "done",
          output: "Hi Ada",
          result: answer("openai/gpt-4o-mini", "Hi Ada"),
          firstTextMs: 140,
        }}
        onModelChange={() => undefined}
        disabled={false}
      />,
    );
    const metrics = screen.getByLabelText("Run metrics");
    const values = [...metrics.querySelectorAll("dd")].map((element) => element.textContent);
    expect(values.slice(0, 4)).toEqual(["1,200 in · 35 out", "812 ms", "140 ms", "$0.00042"]);
    expect(screen.getByText("Hi Ada")).toBeTruthy();
    expect(screen.getByTestId("column-source").textContent).toBe("draft");
    expect(screen.queryByRole("button", { name: /Remove/ })).toBeNull();
  });

  it("shows a failed run's error where it happened, with the text that came first", () => {
    render(
      <RunColumn
        index={1}
        source="v2"
        model="local/broken"
        models={["local/echo"]}
        run={{
          status: "failed",
          output: "partial ",
          error: new QuireError("UNAVAILABLE", "The provider local is not answering."),
        }}
        onModelChange={() => undefined}
        onRemove={() => undefined}
        disabled={false}
      />,
    );
    expect(screen.getByRole("alert").textContent).toContain("Running on local/broken failed");
    expect(screen.getByRole("alert").textContent).toContain("The provider local is not answering.");
    expect(screen.getByTestId("run-output").textContent).toBe("partial ");
    // A model no provider lists any more is still shown (and kept) in its column.
    expect(screen.getByLabelText("Model for column 2")).toHaveProperty("value", "local/broken");
  });
});
