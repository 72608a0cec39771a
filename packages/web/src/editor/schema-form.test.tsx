// @vitest-environment happy-dom
import type { JsonSchema } from "@quire/core";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { SchemaForm } from "./schema-form.js";
import { schemaFromVariables } from "./schema-from-variables.js";

afterEach(cleanup);

const schema: JsonSchema = {
  type: "object",
  required: ["question"],
  properties: {
    question: { type: "string", description: "What the user asked" },
    count: { type: "integer", default: 3 },
    formal: { type: "boolean" },
    tone: { enum: ["warm", "neutral", "curt"] },
    tags: { type: "array", items: { type: "string" } },
    user: { type: "object", properties: { name: { type: "string" }, age: { type: "number" } } },
  },
};

/** The form with its value held in state, the last value seen by the test. */
function Harness({
  start,
  seen,
}: {
  start: Record<string, unknown>;
  seen: { value: Record<string, unknown> };
}) {
  const [value, setValue] = useState(start);
  return (
    <SchemaForm
      schema={schema}
      value={value}
      onChange={(next) => {
        seen.value = next;
        setValue(next);
      }}
    />
  );
}

describe("SchemaForm", () => {
  it("has a labelled field of the right kind for every type", () => {
    render(<Harness start={{}} seen={{ value: {} }} />);
    expect(screen.getByLabelText(/^question/).tagName).toBe("TEXTAREA");
    expect(screen.getByLabelText(/^question/).getAttribute("aria-required")).toBe("true");
    expect(screen.getByText("What the user asked")).toBeTruthy();
    expect(screen.getByLabelText(/^count/).getAttribute("type")).toBe("number");
    expect(screen.getByLabelText(/^formal/).getAttribute("type")).toBe("checkbox");
    expect(screen.getByLabelText(/^tone/).tagName).toBe("SELECT");
    expect(screen.getByRole("group", { name: /tags/ })).toBeTruthy();
    expect(screen.getByRole("group", { name: /user/ })).toBeTruthy();
    expect(screen.getByLabelText(/^name/)).toBeTruthy();
  });

  it("turns what is typed into typed values", () => {
    const seen = { value: {} as Record<string, unknown> };
    render(<Harness start={{}} seen={seen} />);
    fireEvent.change(screen.getByLabelText(/^question/), { target: { value: "Why?" } });
    fireEvent.change(screen.getByLabelText(/^count/), { target: { value: "7" } });
    fireEvent.click(screen.getByLabelText(/^formal/));
    fireEvent.change(screen.getByLabelText(/^tone/), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText(/^age/), { target: { value: "41.5" } });
    expect(seen.value).toEqual({
      question: "Why?",
      count: 7,
      formal: true,
      tone: "curt",
      user: { age: 41.5 },
    });
    fireEvent.change(screen.getByLabelText(/^count/), { target: { value: "" } });
    expect(seen.value).not.toHaveProperty("count");
  });

  it("adds, edits and removes array items", () => {
    const seen = { value: {} as Record<string, unknown> };
    render(<Harness start={{ tags: ["a"] }} seen={seen} />);
    fireEvent.click(screen.getByRole("button", { name: "Add tags item" }));
    expect(seen.value.tags).toEqual(["a", ""]);
    fireEvent.change(screen.getByLabelText(/^tags\[2\]/), { target: { value: "b" } });
    expect(seen.value.tags).toEqual(["a", "b"]);
    fireEvent.click(screen.getByRole("button", { name: "Remove item 1 of tags" }));
    expect(seen.value.tags).toEqual(["b"]);
  });

  it("builds a form from the template's variables when there is no schema", () => {
    const generated = schemaFromVariables([
      {
        name: "user",
        kind: "object",
        properties: [{ name: "name", kind: "value", properties: [] }],
      },
      {
        name: "examples",
        kind: "list",
        properties: [{ name: "input", kind: "value", properties: [] }],
      },
      { name: "topic", kind: "value", properties: [] },
    ]);
    expect(generated).toEqual({
      type: "object",
      properties: {
        user: { type: "object", properties: { name: { type: "string" } } },
        examples: {
          type: "array",
          items: { type: "object", properties: { input: { type: "string" } } },
        },
        topic: { type: "string" },
      },
    });
  });

  it("says when there is nothing to fill in", () => {
    render(
      <SchemaForm schema={{ type: "object", properties: {} }} value={{}} onChange={() => {}} />,
    );
    expect(screen.getByText("This prompt takes no variables.")).toBeTruthy();
  });
});
