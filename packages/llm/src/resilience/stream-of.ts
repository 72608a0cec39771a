import type { GenerateRequest, LanguageModel, StreamPart } from "@quire/core";

/**
 * The model's stream, or — for a model that only generates — its whole answer as one text delta
 * followed by the finish part, so wrappers can stream over any model.
 */
export function streamOf(
  model: LanguageModel,
  request: GenerateRequest,
): AsyncIterable<StreamPart> {
  if (model.stream !== undefined) return model.stream(request);
  return (async function* () {
    const result = await model.generate(request);
    if (result.text !== "") yield { type: "text-delta", text: result.text };
    yield { type: "finish", result };
  })();
}
