import { useState } from "react";
import { ErrorMessage } from "../components/error-message.js";
import { useSession } from "./session-context.js";

/**
 * Email and password against POST /v1/auth/login; after signing out of the local admin session,
 * also "Continue as local admin" (the server still decides whether it grants it).
 */
export function SignInScreen({
  reason,
  localAdminOffered,
}: {
  reason: string | null;
  localAdminOffered: boolean;
}) {
  const session = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(undefined);
  const [localError, setLocalError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <main className="sign-in" id="main">
      <form
        className="sign-in-card"
        aria-labelledby="sign-in-title"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            await session.signIn(email, password);
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="sign-in-title">Sign in to Quire</h1>
        {reason === null ? null : <p className="notice">{reason}</p>}
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error === undefined ? null : <ErrorMessage error={error} context="Signing in" />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {localAdminOffered ? (
          <div className="local-admin-offer">
            <p className="hint">
              You signed out of the local admin session, so this browser does not open it by itself.
              Nobody has an account yet? On the server's own machine you can continue as the local
              admin without a password.
            </p>
            {localError === undefined ? null : (
              <ErrorMessage error={localError} context="Continuing as local admin" />
            )}
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setLocalError(undefined);
                try {
                  await session.continueAsLocalAdmin();
                } catch (caught) {
                  setLocalError(caught);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Continue as local admin
            </button>
          </div>
        ) : null}
        <p className="hint">
          No account? An admin adds members with <code>PUT /v1/members</code>.
          {localAdminOffered
            ? ""
            : " On the server's own machine, before anyone has an account, Quire opens without signing in."}
        </p>
      </form>
    </main>
  );
}
