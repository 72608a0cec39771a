import { createQuireClient, type QuireClient } from "@quire/client";
import { isQuireError, type MeResponse } from "@quire/core";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { fetchMe, login, logout, startLocalSession } from "../api/session-api.js";
import { createSessionFetch, sessionKeyPlaceholder } from "../api/session-fetch.js";
import {
  declineLocalSession,
  forgetLocalSessionChoice,
  localSessionDeclined,
} from "./local-session-choice.js";

/** The name the server gives the local admin session (`/v1/me`). */
export const localAdminName = "local-admin";

export type SessionState =
  | { status: "checking" }
  | {
      status: "signed-out";
      reason: string | null;
      /** The person signed out of the local admin session: offer to continue as local admin. */
      localAdminOffered: boolean;
    }
  | { status: "signed-in"; me: MeResponse };

export interface Session {
  state: SessionState;
  client: QuireClient;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server for the local admin session again (after signing out of it). */
  continueAsLocalAdmin(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Finds out who the browser is: an existing session cookie (GET /v1/me), else the local admin
 * session when the server offers it (nobody has an account yet, same machine) and the person did
 * not sign out of it in this browser, else sign-in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "checking" });
  const csrf = useRef<string | null>(null);
  const client = useMemo(
    () =>
      createQuireClient({
        baseUrl: window.location.origin,
        apiKey: sessionKeyPlaceholder,
        fetch: createSessionFetch({ csrfToken: () => csrf.current }),
      }),
    [],
  );

  const signedIn = useCallback((me: MeResponse) => {
    forgetLocalSessionChoice();
    csrf.current = me.csrfToken;
    setState({ status: "signed-in", me });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const me = await fetchMe();
        if (!cancelled) signedIn(me);
        return;
      } catch (error) {
        if (!isQuireError(error) || error.code !== "UNAUTHORIZED") {
          if (!cancelled) {
            setState({ status: "signed-out", reason: messageOf(error), localAdminOffered: false });
          }
          return;
        }
      }
      if (localSessionDeclined()) {
        if (!cancelled) setState({ status: "signed-out", reason: null, localAdminOffered: true });
        return;
      }
      try {
        const me = await startLocalSession();
        if (!cancelled) signedIn(me);
      } catch {
        // Refused (users exist, another machine, or local mode off): sign in with an account.
        if (!cancelled) setState({ status: "signed-out", reason: null, localAdminOffered: false });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  const session = useMemo<Session>(
    () => ({
      state,
      client,
      async signIn(email, password) {
        await login(email, password);
        signedIn(await fetchMe());
      },
      async signOut() {
        const wasLocalAdmin = state.status === "signed-in" && state.me.name === localAdminName;
        // Remembered before the request, so a reload never reopens the session signed out of.
        if (wasLocalAdmin) declineLocalSession();
        await logout(csrf.current).catch(() => undefined);
        csrf.current = null;
        setState({
          status: "signed-out",
          reason: "You signed out.",
          localAdminOffered: wasLocalAdmin,
        });
      },
      async continueAsLocalAdmin() {
        signedIn(await startLocalSession());
      },
    }),
    [state, client, signedIn],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The API client of the signed-in session. */
export function useClient(): QuireClient {
  return useSession().client;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
