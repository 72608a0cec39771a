import type { EvalProgress } from "@quire/engine";
import { createColors } from "picocolors";

export interface ProgressReporter {
  update(progress: EvalProgress): void;
  /** Clears the bar (TTY) so what follows starts on a clean line. */
  finish(): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Progress on stderr: a redrawn bar when stderr is a terminal (at most ten redraws a second),
 * plain lines at each tenth of the run otherwise (CI logs), nothing when `quiet`.
 */
export function createProgressReporter(
  stream: Stream,
  environment: Record<string, string | undefined>,
  options: { quiet?: boolean } = {},
): ProgressReporter {
  if (options.quiet === true) return { update() {}, finish() {} };
  if (stream.isTTY === true && environment.TERM !== "dumb") return terminalBar(stream, environment);
  let lastTenth = -1;
  return {
    update(progress) {
      if (progress.total === 0) return;
      const tenth = Math.floor((progress.done / progress.total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`progress: ${describe(progress)}\n`);
    },
    finish() {},
  };
}

function terminalBar(
  stream: Stream,
  environment: Record<string, string | undefined>,
): ProgressReporter {
  const colors = createColors(environment.NO_COLOR === undefined);
  const started = Date.now();
  let lastDraw = 0;
  let latest: EvalProgress | undefined;
  let drawn = false;
  const draw = () => {
    if (latest === undefined) return;
    const { done, total } = latest;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const elapsed = (Date.now() - started) / 1000;
    const remaining = done === 0 ? undefined : (elapsed / done) * (total - done);
    const eta = remaining === undefined ? "" : ` · ${Math.ceil(remaining)} s left`;
    const bar = colors.green("█".repeat(filled)) + colors.dim("░".repeat(width - filled));
    stream.write(`\r\u001b[2K${bar} ${describe(latest)}${eta}`);
    drawn = true;
  };
  return {
    update(progress) {
      latest = progress;
      const now = Date.now();
      if (now - lastDraw < 100 && progress.done < progress.total) return;
      lastDraw = now;
      draw();
    },
    finish() {
      if (drawn) stream.write("\r\u001b[2K");
    },
  };
}

function describe(progress: EvalProgress): string {
  return `${progress.done}/${progress.total} cells (${progress.passed} passed, ${progress.failed} failed, ${progress.errored} errored)`;
}
