/** Turns texts into vectors: example selection by similarity, the semantic cache, `similar`. */
export interface EmbeddingModel {
  /** `provider/model`, e.g. `openai/text-embedding-3-small`. */
  readonly modelId: string;
  /** One vector per text, in order. */
  embed(texts: string[], options?: { abortSignal?: AbortSignal }): Promise<number[][]>;
}
