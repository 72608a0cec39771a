/** One model turn of a ReAct loop, read from its text. */
export type ReactStepReading =
  | { kind: "final"; thought?: string; answer: string }
  | { kind: "action"; thought?: string; tool: string; input: string }
  | { kind: "malformed"; thought?: string; problem: string };

const observationLine = /^[ \t]*Observation[ \t]*\d*[ \t]*:/im;
const finalAnswerLine = /^[ \t*]*Final[ \t]+Answer[ \t*]*:[ \t*]*/im;
const actionLine = /^[ \t*]*Action[ \t]*\d*[ \t*]*:[ \t*]*(.*)$/im;
const actionInputLine = /^[ \t*]*Action[ \t]+Input[ \t]*\d*[ \t*]*:[ \t*]*/im;
const thoughtLine = /^[ \t*]*Thought[ \t]*\d*[ \t*]*:[ \t*]*/im;

/** The model's text up to any `Observation:` it wrote itself (observations come from tools). */
export function cutAtObservation(text: string): string {
  const match = observationLine.exec(text);
  return match === null ? text : text.slice(0, match.index).trimEnd();
}

function thoughtIn(text: string, end: number): string | undefined {
  const before = text.slice(0, end);
  const label = thoughtLine.exec(before);
  const thought = (label === null ? before : before.slice(label.index + label[0].length)).trim();
  return thought === "" ? undefined : thought;
}

/** `search`, `` `search` ``, `"search"`, `[search]` → `search`; `search[query]` keeps its input. */
function toolAndInlineInput(action: string): { tool: string; inline?: string } {
  const cleaned = action
    .trim()
    .replace(/^[`"'[]+|[`"'\]]+$/g, "")
    .trim();
  const call = /^([A-Za-z0-9_-]+)\s*[[(]([\s\S]*)[\])]$/.exec(action.trim());
  if (call !== null) return { tool: call[1] as string, inline: call[2] as string };
  return { tool: cleaned };
}

/**
 * Reads a ReAct turn: `Thought: … Action: tool Action Input: {…}` or `Thought: … Final Answer: …`
 * (labels case-insensitive, markdown bold allowed). Text after an `Observation:` the model wrote
 * itself is ignored. When both an action and a final answer appear, the first one counts.
 */
export function parseReactStep(rawText: string): ReactStepReading {
  const text = cutAtObservation(rawText);
  const final = finalAnswerLine.exec(text);
  const action = actionLine.exec(text);
  const useFinal = final !== null && (action === null || final.index < action.index);
  if (useFinal) {
    const answer = text.slice(final.index + final[0].length).trim();
    const thought = thoughtIn(text, final.index);
    if (answer === "") {
      return {
        kind: "malformed",
        ...(thought === undefined ? {} : { thought }),
        problem: '"Final Answer:" is followed by nothing; write the answer after it',
      };
    }
    return { kind: "final", ...(thought === undefined ? {} : { thought }), answer };
  }
  const thought = thoughtIn(text, action?.index ?? text.length);
  const withThought = thought === undefined ? {} : { thought };
  if (action === null) {
    return {
      kind: "malformed",
      ...withThought,
      problem:
        text.trim() === ""
          ? "the reply was empty"
          : 'the reply has neither an "Action:" line nor a "Final Answer:"',
    };
  }
  const { tool, inline } = toolAndInlineInput(action[1] ?? "");
  if (tool === "") {
    return { kind: "malformed", ...withThought, problem: '"Action:" names no tool' };
  }
  const rest = text.slice(action.index + action[0].length);
  const inputLabel = actionInputLine.exec(rest);
  const input =
    inputLabel === null ? (inline ?? "") : rest.slice(inputLabel.index + inputLabel[0].length);
  return { kind: "action", ...withThought, tool, input: input.trim() };
}
