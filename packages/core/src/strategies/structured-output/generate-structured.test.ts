import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { isQuireError, type QuireError } from "../../errors/index.js";
import { modelErrorClassOf } from "../../models/model-error.js";
import {
  lastUserText,
  messageText,
  modelError,
  scriptedModel,
  userMessage,
} from "../../testing/scripted-model.js";
import { generateStructured } from "./generate-structured.js";

const person = {
  type: "object",
  properties: {
    name: { type: "string" },
    age: { type: "integer", minimum: 0 },
    role: { enum: ["admin", "user"], default: "user" },
  },
  required: ["name", "age"],
  additionalProperties: false,
};
const prompt = [userMessage("Extract the person: Ada, 36.")];

async function failureOf(promise: Promise<unknown>): Promise<QuireError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isQuireError(error)) throw new Error(`expected a QuireError, got ${String(error)}`);
  return error;
}

describe("generateStructured", () => {
  it("appends the schema to the prompt, asks for JSON, and returns the checked value", async () => {
    const model = scriptedModel(['Here you go:\n```json\n{"name": "Ada", "age": 36}\n```']);
    const result = await generateStructured(model, { messages: prompt, schema: person });
    expect(result.value).toEqual({ name: "Ada", age: 36, role: "user" });
    expect(result.attempts).toEqual([
      { attempt: 1, text: expect.stringContaining("Ada"), problems: [] },
    ]);
    const request = model.lastRequest;
    expect(request.responseFormat).toEqual({ type: "json", schema: person, name: "output" });
    expect(request.messages).toHaveLength(1);
    expect(lastUserText(request)).toContain(
      "Extract the person: Ada, 36.\nAnswer with a JSON value that matches this JSON Schema:",
    );
    expect(lastUserText(request)).toContain('"required": [\n    "name",\n    "age"\n  ]');
    expect(result.usage.modelCalls).toBe(1);
  });

  it("feeds validation errors back and returns the repaired answer", async () => {
    const model = scriptedModel([
      '{"name": "Ada", "age": "36", "email": "a@b"}',
      '{"name": "Ada", "age": 36}',
    ]);
    const result = await generateStructured(model, { messages: prompt, schema: person });
    expect(result.value).toMatchObject({ age: 36 });
    expect(
      result.attempts.map((attempt) => attempt.problems.map((problem) => problem.message)),
    ).toEqual([
      [
        '"email" is not allowed (the schema allows no other properties)',
        '"age" must be integer, got string "36"',
      ],
      [],
    ]);
    const repair = model.lastRequest.messages;
    expect(repair.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(messageText(repair[2]!)).toBe(
      'Your reply does not match the JSON Schema:\n\n- "email" is not allowed (the schema allows no other properties)\n- "age" must be integer, got string "36"\n\nReply again with only the corrected JSON.',
    );
  });

  it("treats a reply without JSON as a problem to repair", async () => {
    const model = scriptedModel(["Sorry, I can't.", '{"name": "Ada", "age": 1}']);
    const result = await generateStructured(model, { messages: prompt, schema: person });
    expect(result.attempts[0]?.problems[0]).toMatchObject({
      keyword: "json",
      message: expect.stringMatching(/^Expected JSON/),
    });
    expect(messageText(model.lastRequest.messages[2]!)).toContain("- Expected JSON");
  });

  it("fails after the last retry with every attempt's problems", async () => {
    const model = scriptedModel(() => '{"name": 5}');
    const error = await failureOf(
      generateStructured(model, { messages: prompt, schema: person, maxRetries: 1 }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      'The model\'s output did not match the output schema after 2 attempts; the last one: "age" is required but missing; "name" must be string, got number 5',
    );
    const attempts = error.details.attempts as Array<{ attempt: number; problems: unknown[] }>;
    expect(attempts.map((attempt) => [attempt.attempt, attempt.problems.length])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(model.callCount).toBe(2);
  });

  it("takes a zod schema: sends its JSON Schema, returns zod's parsed (transformed) value", async () => {
    const schema = z.object({
      tags: z.array(z.string()).min(1),
      count: z.string().transform(Number),
    });
    const model = scriptedModel(['{"tags": []}', 'Done: {"tags": ["a"], "count": "3"} ok']);
    const result = await generateStructured(model, { messages: prompt, schema, name: "tags" });
    expect(result.value).toEqual({ tags: ["a"], count: 3 });
    expectTypeOf(result.value).toEqualTypeOf<{ tags: string[]; count: number }>();
    const sent = model.requests[0]?.responseFormat;
    expect(sent).toMatchObject({
      type: "json",
      name: "tags",
      schema: { type: "object", required: ["tags", "count"] },
    });
    expect(result.attempts[0]?.problems.map((problem) => problem.path)).toEqual(["tags", "count"]);
  });

  it("lets model errors through unretried", async () => {
    const model = scriptedModel([
      modelError("content-filtered", "Blocked by the provider's filter"),
    ]);
    const error = await failureOf(generateStructured(model, { messages: prompt, schema: person }));
    expect(modelErrorClassOf(error)).toBe("content-filtered");
    expect(model.callCount).toBe(1);
  });

  it("can leave the prompt and the response format alone", async () => {
    const model = scriptedModel(['{"name": "A", "age": 2}']);
    await generateStructured(model, {
      messages: prompt,
      schema: person,
      instructions: false,
      responseFormat: false,
    });
    expect(model.lastRequest.responseFormat).toBeUndefined();
    expect(lastUserText(model.lastRequest)).toBe("Extract the person: Ada, 36.");
  });

  it("refuses an invalid schema before calling the model", async () => {
    const model = scriptedModel([]);
    const error = await failureOf(
      generateStructured(model, { messages: prompt, schema: { type: "objekt" } }),
    );
    expect(error.message).toMatch(/^The output schema is not a valid JSON Schema: /);
    expect(model.callCount).toBe(0);
  });
});
