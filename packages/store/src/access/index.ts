export type {
  AccessEvent,
  AccessKeyRecord,
  AccessStore,
  NewAccessKey,
  ProjectRecord,
} from "./access-store.js";
