import type {
  ChatMessage,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  StreamPart,
} from "@quire/core";
import type { ModelFailure } from "@quire/llm";

/** The answer of one call through a run's chain: which model served it, and from the cache or not. */
export interface RecordedResult extends GenerateResult {
  servedBy?: string;
  failures?: ModelFailure[];
  cacheHit?: boolean;
}

/** One successful model call of a run. */
export interface RecordedCall {
  messages: ChatMessage[];
  result: RecordedResult;
}

/**
 * A model that remembers every answer given through it (a strategy may make several calls),
 * so a run can say which models served, what failed before them, whether the cache answered,
 * and what the calls cost. Calls that fail are counted; their failures travel in the error.
 */
export class CallRecorder implements LanguageModel {
  readonly calls: RecordedCall[] = [];
  attempted = 0;

  constructor(private readonly model: LanguageModel) {}

  get modelId(): string {
    return this.model.modelId;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.attempted += 1;
    const result = await this.model.generate(request);
    this.calls.push({ messages: request.messages, result });
    return result;
  }

  stream(request: GenerateRequest): AsyncIterable<StreamPart> {
    const recorder = this;
    const source = this.model;
    return (async function* (): AsyncGenerator<StreamPart> {
      recorder.attempted += 1;
      if (source.stream === undefined) {
        const result = await source.generate(request);
        recorder.calls.push({ messages: request.messages, result });
        if (result.text !== "") yield { type: "text-delta", text: result.text };
        yield { type: "finish", result };
        return;
      }
      for await (const part of source.stream(request)) {
        if (part.type === "finish") {
          recorder.calls.push({ messages: request.messages, result: part.result });
        }
        yield part;
      }
    })();
  }
}
