import type { Role } from "@quire/core";

/** Who a request acts as: an API key or a signed-in user, in one project with one role. */
export interface Principal {
  kind: "key" | "user";
  /** The key's id or the user's id. */
  id: string;
  /** The key's name or the user's email. */
  name: string;
  projectId: string;
  role: Role;
  /** The session's CSRF token (users only). */
  csrfToken: string | null;
}

/** How a principal appears in the audit log: `key:<name>` or `user:<email>`. */
export function actorName(principal: Principal): string {
  return `${principal.kind}:${principal.name}`;
}
