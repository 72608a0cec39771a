export type {
  AccessEvent,
  AccessKeyRecord,
  AccessStore,
  NewAccessKey,
  ProjectRecord,
} from "./access-store.js";
export type { NewAuditEntry } from "./audit-store.js";
