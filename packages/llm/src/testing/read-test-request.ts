import type { TestRequest } from "./test-reply.js";

type Endpoint = TestRequest["endpoint"];

/** The parts of a request body the server answers from, for OpenAI and Anthropic shapes alike. */
export function readTestRequest(
  endpoint: Endpoint,
  path: string,
  headers: TestRequest["headers"],
  body: unknown,
  index: number,
): TestRequest {
  const record = isRecord(body) ? body : {};
  const model = typeof record.model === "string" ? record.model : "";
  const stream = record.stream === true;
  let lastUserText = "";
  if (endpoint === "embeddings") {
    lastUserText = embeddingInputs(body).join("\n");
  } else if (Array.isArray(record.messages)) {
    for (const message of record.messages) {
      if (isRecord(message) && message.role === "user") lastUserText = textOf(message.content);
    }
  }
  return { index, endpoint, path, headers, body, model, stream, lastUserText };
}

/** Every text in the request's messages (and Anthropic's `system`), for counting prompt tokens. */
export function allMessageText(body: unknown): string {
  if (!isRecord(body)) return "";
  const texts: string[] = [];
  if (body.system !== undefined) texts.push(textOf(body.system));
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) if (isRecord(message)) texts.push(textOf(message.content));
  }
  return texts.join(" ");
}

/** The texts of an embeddings request (`input` is a string or a list of strings). */
export function embeddingInputs(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const input = body.input;
  if (typeof input === "string") return [input];
  return Array.isArray(input) ? input.map((item) => String(item)) : [];
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : ""))
    .filter((text) => text !== "")
    .join(" ");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
