export {
  type ErrorCode,
  errorCodeForStatus,
  errorCodes,
  errorStatusByCode,
  httpStatusForCode,
} from "./error-codes.js";
export { isQuireError, QuireError, type QuireErrorOptions } from "./quire-error.js";
