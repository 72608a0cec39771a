import type {
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  TokenUsage,
} from "../../models/language-model.js";

/** The model calls a strategy made and the tokens they used, summed over the calls. */
export interface StrategyUsage extends TokenUsage {
  /** Every call made, failed ones included. */
  modelCalls: number;
  /** Successful calls whose provider reported no usage (their tokens are not in the sums). */
  unreportedCalls: number;
}

/** A model that counts the calls made through it and sums the usage they report. */
export class UsageMeter implements LanguageModel {
  private calls = 0;
  private unreported = 0;
  private readonly sums = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  private sawCached = false;

  constructor(private readonly model: LanguageModel) {}

  get modelId(): string {
    return this.model.modelId;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls += 1;
    const result = await this.model.generate(request);
    const { usage } = result;
    if (usage === undefined) this.unreported += 1;
    else {
      this.sums.inputTokens += usage.inputTokens;
      this.sums.outputTokens += usage.outputTokens;
      if (usage.cachedInputTokens !== undefined) {
        this.sawCached = true;
        this.sums.cachedInputTokens += usage.cachedInputTokens;
      }
    }
    return result;
  }

  /** The totals so far. */
  usage(): StrategyUsage {
    const { cachedInputTokens, ...sums } = this.sums;
    return {
      ...sums,
      ...(this.sawCached ? { cachedInputTokens } : {}),
      modelCalls: this.calls,
      unreportedCalls: this.unreported,
    };
  }
}
