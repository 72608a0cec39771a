export type {
  AccessEvent,
  AccessKeyRecord,
  AccessStore,
  ChangeRequestRecord,
  MemberRecord,
  NewAccessKey,
  NewProject,
  ProjectRecord,
  SessionRecord,
  UserRecord,
} from "./access-store.js";
export type { NewAuditEntry } from "./audit-store.js";
