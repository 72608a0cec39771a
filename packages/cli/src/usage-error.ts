import { QuireError } from "@quire/core";

/** A command line that cannot be run as written: printed like any error, exit code 2. */
export class UsageError extends QuireError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("BAD_REQUEST", message, { details });
    this.name = "UsageError";
  }
}
