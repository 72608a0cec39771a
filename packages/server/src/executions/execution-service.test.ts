import type { ExecutionStore, InsertedExecution, NewExecutionRecord } from "@quire/store";
import { describe, expect, it } from "vitest";
import { ExecutionService } from "./execution-service.js";

/** A store that keeps what it is given. */
function keepingStore() {
  const stored: NewExecutionRecord[] = [];
  const store = {
    insertExecutions: async (records: readonly NewExecutionRecord[]) => {
      stored.push(...records);
      return records.map(
        (_, index): InsertedExecution => ({ id: `id-${index}`, duplicate: false }),
      );
    },
  };
  // Only insertExecutions is reached by ingest.
  return { stored, store: store as unknown as ExecutionStore };
}

const withContent = {
  promptName: "support/triage",
  model: "local/echo",
  success: true,
  variables: { ticket: "late parcel" },
  output: "Sorry about that.",
};

describe("ExecutionService.ingest", () => {
  it("keeps an ingested record's variables and output by default", async () => {
    const { stored, store } = keepingStore();
    await new ExecutionService(store).ingest([withContent]);
    expect(stored[0]).toMatchObject({
      variables: withContent.variables,
      output: withContent.output,
    });
  });

  it("drops them when content logging is off, keeping the rest of the record", async () => {
    const { stored, store } = keepingStore();
    const result = await new ExecutionService(store, { storeExecutionContent: false }).ingest([
      withContent,
    ]);
    expect(result.accepted).toEqual([{ index: 0, id: "id-0" }]);
    expect(stored[0]).toMatchObject({ promptName: "support/triage", model: "local/echo" });
    expect(stored[0]).not.toHaveProperty("variables");
    expect(stored[0]).not.toHaveProperty("output");
  });
});
