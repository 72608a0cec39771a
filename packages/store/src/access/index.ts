export type {
  AccessEvent,
  AccessKeyRecord,
  AccessStore,
  ChangeRequestRecord,
  MemberRecord,
  NewAccessKey,
  ProjectRecord,
  SessionRecord,
  UserRecord,
} from "./access-store.js";
export type { NewAuditEntry } from "./audit-store.js";
export type { NewProject } from "./project-store.js";
