import { isQuireError } from "@quire/core";

export interface ErrorMessageProps {
  error: unknown;
  /** What was being done, e.g. "Loading the prompts". */
  context?: string;
  onRetry?: () => void;
}

/** An API or network error where it happened: what failed, the server's words, and a retry. */
export function ErrorMessage({ error, context, onRetry }: ErrorMessageProps) {
  const message = error instanceof Error ? error.message : String(error);
  const code = isQuireError(error) ? error.code : undefined;
  return (
    <div className="error-message" role="alert">
      <strong>{context === undefined ? "Something went wrong" : `${context} failed`}</strong>
      {code === undefined ? null : <span className="error-code"> ({code})</span>}
      <p>{message}</p>
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
