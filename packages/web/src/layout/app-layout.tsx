import { type ReactNode, useEffect, useRef } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useSession } from "../auth/session-context.js";
import { routes } from "../routes.js";

/** The frame of every screen: the bar with the library link, search, who is signed in. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const [location, navigate] = useLocation();
  const search = new URLSearchParams(useSearch()).get("q") ?? "";
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // "/" or Ctrl/Cmd+K focuses the search box from anywhere but a text field.
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target !== null &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      if (commandK || (event.key === "/" && !typing)) {
        event.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const me = session.state.status === "signed-in" ? session.state.me : undefined;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link href={routes.library} className="brand" aria-label="Quire — prompt library">
          Quire
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link href={routes.library} aria-current={location === "/" ? "page" : undefined}>
            Library
          </Link>
          <Link
            href={routes.playground}
            aria-current={location === routes.playground ? "page" : undefined}
          >
            Playground
          </Link>
          <Link
            href={routes.evaluations}
            aria-current={location.startsWith(routes.evaluations) ? "page" : undefined}
          >
            Evaluations
          </Link>
          <Link
            href={routes.settings}
            aria-current={location === routes.settings ? "page" : undefined}
          >
            Settings
          </Link>
        </nav>
        <search className="search">
          <label htmlFor="global-search" className="visually-hidden">
            Search prompts
          </label>
          <input
            id="global-search"
            ref={searchBox}
            type="search"
            placeholder="Search prompts by name, tag, description or text  ( / )"
            value={search}
            onChange={(event) => {
              const value = event.target.value;
              navigate(value === "" ? "/" : `/?q=${encodeURIComponent(value)}`, {
                replace: location === "/",
              });
            }}
          />
        </search>
        {me === undefined ? null : (
          <div className="who">
            <span title={`${me.kind} in project ${me.projectId}`}>
              {me.name} · {me.role}
            </span>
            <button type="button" className="link-button" onClick={() => void session.signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
