import type { NewExecutionRecord } from "@quire/store";

type ContentFields = Pick<NewExecutionRecord, "variables" | "output" | "contentTruncated">;

/** Memory a record's variables and output take, estimated at two bytes a character. */
function contentBytesOf(record: ContentFields): number {
  const output = record.output?.length ?? 0;
  const variables =
    record.variables === null || record.variables === undefined
      ? 0
      : JSON.stringify(record.variables).length;
  return 2 * (output + variables);
}

/**
 * The log writer's budget for execution content (variables and output text, up to 128 KB a
 * record) while records wait for the database: the record count alone would not bound memory.
 * Past the budget, new records are still logged, without their content (`contentTruncated`).
 */
export class BufferedContent {
  #bytes = 0;
  readonly #sizes = new WeakMap<object, number>();

  constructor(readonly maximumBytes: number) {}

  /** Content bytes buffered now (estimated). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The record to buffer: as given while its content fits, else without it (`stripped`). */
  admit<Record extends ContentFields>(record: Record): { record: Record; stripped: boolean } {
    const size = contentBytesOf(record);
    if (size === 0) return { record, stripped: false };
    if (this.#bytes + size > this.maximumBytes) {
      const { variables: _variables, output: _output, ...rest } = record;
      return { record: { ...rest, contentTruncated: true } as Record, stripped: true };
    }
    this.#bytes += size;
    this.#sizes.set(record, size);
    return { record, stripped: false };
  }

  /** Gives back the budget of records written (or given up). */
  release(records: readonly object[]): void {
    for (const record of records) this.#bytes -= this.#sizes.get(record) ?? 0;
  }

  clear(): void {
    this.#bytes = 0;
  }
}
