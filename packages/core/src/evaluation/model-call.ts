/** A thrown error as one line for a reason. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A cancelled run is not an assertion failure: the signal's reason propagates to the runner. */
export function rethrowIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason;
}
