/** Added to the prompt: how to answer. Given `{{schema}}` (the JSON Schema, indented). */
export const defaultStructuredOutputInstructions = `Answer with a JSON value that matches this JSON Schema:

{{schema}}

Write only the JSON, with no other text.`;

/** Sent after a reply that did not match. Given `{{problems}}` (one "- …" line per problem). */
export const defaultRepairInstructions = `Your reply does not match the JSON Schema:

{{problems}}

Reply again with only the corrected JSON.`;
