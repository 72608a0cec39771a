/** The UI's addresses. A prompt's name is one path segment (its slashes percent-encoded). */
export const routes = {
  library: "/",
  newPrompt: "/new",
  signIn: "/sign-in",
  playground: "/playground",
  /** The playground with a prompt (and a version) chosen. */
  playgroundFor: (name: string, version?: number) =>
    `/playground?prompt=${encodeURIComponent(name)}${version === undefined ? "" : `&version=${version}`}`,
  /** The playground on the editor's unsaved draft of a prompt (handed over in memory). */
  playgroundDraft: (name: string) => `/playground?prompt=${encodeURIComponent(name)}&draft=1`,
  settings: "/settings",
  evaluations: "/evaluations",
  evalRun: (id: string) => `/evaluations/runs/${encodeURIComponent(id)}`,
  editor: (name: string) => `/prompts/${encodeURIComponent(name)}`,
  history: (name: string) => `/prompts/${encodeURIComponent(name)}/history`,
  folder: (prefix: string) => (prefix === "" ? "/" : `/?folder=${encodeURIComponent(prefix)}`),
};

/** A route parameter back to the prompt name (routers may or may not decode it). */
export function promptNameParameter(value: string): string {
  try {
    return value.includes("%") ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}
