import type { ApiKeyScope, AuditPage, AuditQuery, Role } from "@quire/core";
import type { NewAuditEntry } from "./audit-store.js";

export interface ProjectRecord {
  id: string;
  name: string;
  /** Labels whose move needs the publisher role (default `production`). */
  protectedLabels: string[];
  /** Moving a protected label makes a change request another publisher approves. */
  twoPersonRule: boolean;
  /** The server's eval runs may run `javascript` assertions (user code, sandboxed); default false. */
  allowJavaScriptAssertions: boolean;
  createdAt: string;
}

/** The settings `updateProject` changes; those absent stay. */
export interface ProjectChanges {
  name?: string;
  protectedLabels?: string[];
  twoPersonRule?: boolean;
  allowJavaScriptAssertions?: boolean;
}

export interface ChangeRequestRecord {
  id: string;
  projectId: string;
  prompt: string;
  label: string;
  fromVersion: number | null;
  toVersion: number;
  reason: string;
  author: string;
  status: "open" | "approved" | "rejected";
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface AccessKeyRecord {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  role: Role;
  scope: ApiKeyScope;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewAccessKey {
  projectId: string;
  name: string;
  prefix: string;
  /** SHA-256 (hex) of the key; the key itself is never stored. */
  hash: string;
  role: Role;
  expiresAt?: string | null;
  createdBy?: string | null;
}

/**
 * Sent to every server instance on the database when a key stops working or a session or
 * membership changes (so each drops its cached lookups at once); `resync` after the listening connection was re-opened (changes may
 * have been missed: drop everything cached).
 */
export type AccessEvent =
  | { kind: "key-revoked"; keyId: string }
  | { kind: "sessions-ended" }
  | { kind: "project-updated"; projectId: string }
  | { kind: "resync" };

export interface UserRecord {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  createdAt: string;
}

export interface MemberRecord {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** When the user became a member. */
  since: string;
}

export interface SessionRecord {
  userId: string;
  email: string;
  name: string;
  projectId: string;
  /** The user's role in the session's project now; null when no longer a member. */
  role: Role | null;
  csrfToken: string;
  expiresAt: string;
}

export interface NewProject {
  id: string;
  name: string;
  /** The new project's first admin key (its hash; the secret is the caller's to show once). */
  adminKey: Omit<NewAccessKey, "projectId" | "role">;
  /** A signed-in user who becomes the project's admin member. */
  adminUserId?: string;
  /** The creator's project: the creation is audited there too. */
  creatorProjectId: string;
}

/** Projects and API keys. Every write is one transaction. */
export interface AccessStore {
  createProject(input: { id: string; name: string }): Promise<ProjectRecord>;
  /**
   * A project with its first admin key (and the creating user as admin member), audited
   * (`project.create`) in the new project and the creator's, in one transaction; CONFLICT when
   * the id is taken.
   */
  createProjectWithAdmin(
    input: NewProject,
    actor: string,
  ): Promise<{ project: ProjectRecord; adminKey: AccessKeyRecord }>;
  /** The projects a user is a member of, by id, with the user's role in each. */
  listUserProjects(userId: string): Promise<Array<{ project: ProjectRecord; role: Role }>>;
  /** The project, or undefined. */
  getProject(id: string): Promise<ProjectRecord | undefined>;
  /** Changes a project's settings; audited (`settings.update`) in the same transaction. */
  updateProject(id: string, changes: ProjectChanges, actor: string): Promise<ProjectRecord>;
  /** With `actor`, the audit entry (`key.create`) is written in the same transaction. */
  createKey(input: NewAccessKey, actor?: string): Promise<AccessKeyRecord>;
  /** A pure read: last use is written by `recordKeyUses`. */
  findKeyByHash(hash: string): Promise<AccessKeyRecord | undefined>;
  countKeys(): Promise<number>;
  /** A project's keys, newest first. */
  listKeys(projectId: string): Promise<AccessKeyRecord[]>;
  /** With `actor`, the audit entry (`key.revoke`) is written in the same transaction. NOT_FOUND when the key does not exist in this project; revoking twice keeps the first time. */
  revokeKey(projectId: string, id: string, actor?: string): Promise<AccessKeyRecord>;
  /** Writes many keys' last use in one statement (never moves a time backwards). */
  recordKeyUses(uses: ReadonlyMap<string, Date>): Promise<void>;
  /** Appends to the audit log (rows are never updated or deleted). */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A project's audit entries, newest first. */
  listAudit(projectId: string, query: AuditQuery): Promise<AuditPage>;
  /** CONFLICT when the email is taken. The password hash is the caller's (scrypt). */
  createUser(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord>;
  findUserByEmail(email: string): Promise<{ user: UserRecord; passwordHash: string } | undefined>;
  memberRole(projectId: string, userId: string): Promise<Role | undefined>;
  /** Adds a member or changes a member's role; audited (`member.set`) in the same transaction. */
  setMember(projectId: string, userId: string, role: Role, actor: string): Promise<MemberRecord>;
  listMembers(projectId: string): Promise<MemberRecord[]>;
  /** `hash`: SHA-256 of the session cookie's token. */
  createSession(input: {
    hash: string;
    userId: string;
    projectId: string;
    csrfToken: string;
    expiresAt: Date;
  }): Promise<void>;
  findSession(hash: string): Promise<SessionRecord | undefined>;
  /** Ends a session on every server (`sessions-ended` event). */
  deleteSession(hash: string): Promise<void>;
  createChangeRequest(
    input: Omit<ChangeRequestRecord, "id" | "status" | "decidedBy" | "createdAt" | "decidedAt">,
  ): Promise<ChangeRequestRecord>;
  /** NOT_FOUND outside the project. */
  getChangeRequest(projectId: string, id: string): Promise<ChangeRequestRecord>;
  listChangeRequests(projectId: string, status?: string): Promise<ChangeRequestRecord[]>;
  /** Decides an open request, audited; CONFLICT when it is not open any more. */
  decideChangeRequest(
    projectId: string,
    id: string,
    decision: "approved" | "rejected",
    actor: string,
  ): Promise<ChangeRequestRecord>;
  /** Opens an approved request again (its move failed after the approval). */
  reopenChangeRequest(projectId: string, id: string): Promise<void>;
  /** Events from every instance (this one included). Returns an unsubscribe. */
  subscribe(listener: (event: AccessEvent) => void): () => void;
}
