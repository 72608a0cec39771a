import { checkOutput, type RenderResponse, type RunGuardReport, redact } from "@quire/core";

/**
 * The output checks of a run: when the render was guarded (or the request asks to redact), the
 * model's answer is checked for the render's canary, secrets and personal data, and redacted
 * when `redactOutput` asks for it. Undefined when neither applies: the answer is as before.
 */
export function guardOutput(
  output: string,
  rendered: Pick<RenderResponse, "guard">,
  redactOutput: boolean | undefined,
): { output: string; report: RunGuardReport } | undefined {
  const guard = rendered.guard;
  if (guard === undefined && redactOutput !== true) return undefined;
  const canaries = guard?.canary === undefined ? [] : [guard.canary];
  const checked =
    redactOutput === true
      ? redact(output, { canaries })
      : { text: output, findings: checkOutput(output, { canaries }) };
  const outputFindings = checked.findings;
  const redacted = checked.text !== output;
  return {
    output: checked.text,
    report: {
      findings: guard?.findings ?? [],
      guarded: guard?.guarded ?? [],
      outputFindings,
      redacted,
    },
  };
}
