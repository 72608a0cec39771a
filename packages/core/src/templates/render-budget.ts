import { isQuireError, type QuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import {
  limitOfRuntimeFailure,
  type RenderLimitName,
  renderLimitError,
} from "./render-limit-error.js";
import type { RenderLimits } from "./render-limits.js";
import { utf8ByteLength } from "./template-size.js";

/** How many steps pass between two readings of the clock (a power of two, minus one). */
const stepsBetweenClockReadings = 127;

/** Above this many characters or items, an engine's built-in work is worth a clock reading. */
export const largeInputLength = 4096;

/** Deepest nesting of partials and includes counted by `enter` (recursion without end stops
 * here rather than at the JavaScript stack's limit, which some engines reach very slowly). */
export const maxNestingDepth = 100;

/** Milliseconds from a monotonic clock where there is one (browsers, Node), else the wall clock. */
const clock: () => number =
  typeof globalThis.performance?.now === "function"
    ? () => globalThis.performance.now()
    : () => Date.now();

/**
 * What one render has used: loop iterations, steps (iterations, helper and filter calls,
 * partials, outputs) and output. The engines' hooks call it while they render; it throws
 * QuireError("TEMPLATE_RENDER") naming the limit as soon as one is passed.
 *
 * The clock is read every 128 steps and after built-in work on large inputs, never on the way
 * in: a render that finishes in fewer steps (most prompts) costs no clock reading. Time is
 * therefore counted from the first reading, which comes after at most 127 cheap steps.
 */
export class RenderBudget {
  iterations = 0;
  steps = 0;
  /** Output characters the engine has counted so far (each engine says what it counts). */
  output = 0;
  /** Partials and includes open now. */
  depth = 0;
  /** The limit error this budget threw, whatever the engine wrapped it in on the way out. */
  private stopped: QuireError | undefined;
  private startedAt: number | undefined;

  constructor(
    readonly engine: EngineName,
    readonly limits: RenderLimits,
  ) {}

  /** One more loop iteration. */
  iteration(): void {
    if (++this.iterations > this.limits.maxLoopIterations) {
      throw this.stop("maxLoopIterations", this.limits.maxLoopIterations);
    }
    if ((++this.steps & stepsBetweenClockReadings) === 0) this.checkClock();
  }

  /** One more unit of work (a helper, filter or function call, a partial, an output). */
  step(): void {
    if ((++this.steps & stepsBetweenClockReadings) === 0) this.checkClock();
  }

  /** Reads the clock now: the first reading starts the time limit, later ones enforce it. */
  checkClock(): void {
    const now = clock();
    if (this.startedAt === undefined) this.startedAt = now;
    else if (now - this.startedAt > this.limits.maxRenderMs) {
      throw this.stop("maxRenderMs", this.limits.maxRenderMs);
    }
  }

  /** A partial or include starts rendering (call `leave` when it ends). */
  enter(): void {
    if (++this.depth > maxNestingDepth) throw this.stop("nestingDepth", maxNestingDepth);
    if ((++this.steps & stepsBetweenClockReadings) === 0) this.checkClock();
  }

  leave(): void {
    this.depth--;
  }

  /** A text the template built (or is about to build) of `length` UTF-16 units. UTF-8 has at
   * least as many bytes as UTF-16 units, so a longer text is surely over maxOutputBytes. */
  text(length: number): void {
    if (length > this.limits.maxOutputBytes) {
      throw this.stop("maxOutputBytes", this.limits.maxOutputBytes);
    }
  }

  /** Adds `length` characters of output and checks the total. */
  addOutput(length: number): void {
    this.output += length;
    this.text(this.output);
  }

  /** The rendered text, checked exactly against maxOutputBytes. */
  finalOutput(output: string): string {
    // A UTF-16 unit is 1 to 3 bytes of UTF-8: count bytes only when it could matter.
    if (output.length * 3 > this.limits.maxOutputBytes) this.finalOutputs([output]);
    return output;
  }

  /** Several rendered texts of one prompt (its messages), together within maxOutputBytes. */
  finalOutputs(outputs: readonly string[]): void {
    const limit = this.limits.maxOutputBytes;
    let length = 0;
    for (const output of outputs) length += output.length;
    // A UTF-16 unit is 1 to 3 bytes of UTF-8: count bytes only when it could matter.
    if (length * 3 <= limit) return;
    let bytes = length;
    if (length <= limit) {
      bytes = 0;
      for (const output of outputs) bytes += utf8ByteLength(output);
    }
    if (bytes > limit) throw this.stop("maxOutputBytes", limit);
  }

  /**
   * The QuireError that ended the render, when it was a limit: one this budget threw (however
   * the engine wrapped it), a QuireError thrown inside, or a JavaScript stack overflow or
   * too-long string.
   */
  failure(error: unknown): QuireError | undefined {
    if (this.stopped !== undefined) return this.stopped;
    if (isQuireError(error)) return error;
    const limit = limitOfRuntimeFailure(error);
    if (limit === "nestingDepth") return renderLimitError(this.engine, "nestingDepth", null);
    if (limit === "maxOutputBytes") return this.stop(limit, this.limits.maxOutputBytes);
    return undefined;
  }

  /** Records and returns the error for a limit this render went over. */
  stop(limit: RenderLimitName, value: number, details: Record<string, unknown> = {}): QuireError {
    this.stopped ??= renderLimitError(this.engine, limit, value, details);
    return this.stopped;
  }
}

let active: RenderBudget | undefined;

/**
 * Runs `render` — the renders of several templates of one prompt — within one budget: their
 * time, loop iterations and nesting add up, and their outputs are checked together.
 */
export function renderWithinBudget<Result>(
  engine: EngineName,
  limits: RenderLimits,
  render: (budget: RenderBudget) => Result,
): Result {
  if (active !== undefined) return render(active);
  const budget = new RenderBudget(engine, limits);
  const previous = enterBudget(budget);
  try {
    return render(budget);
  } catch (error) {
    throw budget.failure(error) ?? error;
  } finally {
    leaveBudget(previous);
  }
}

/** The budget of the render in progress; hooks do nothing outside a render. */
export function activeBudget(): RenderBudget | undefined {
  return active;
}

/**
 * Makes `budget` the active one and returns the one it replaces, to give back to
 * `leaveBudget` in a `finally` (renders are synchronous, so one at a time is active; the
 * previous one is kept in case a render ever starts inside another).
 */
export function enterBudget(budget: RenderBudget): RenderBudget | undefined {
  const previous = active;
  active = budget;
  return previous;
}

export function leaveBudget(previous: RenderBudget | undefined): void {
  active = previous;
}
