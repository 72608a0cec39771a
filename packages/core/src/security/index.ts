export {
  type ApplyGuardsOptions,
  applyGuards,
  type GuardedVariables,
  type GuardFinding,
  parseGuardOptions,
} from "./apply-guards.js";
export { canaryPrefix, createCanaryToken, findCanaryLeaks } from "./canary.js";
export { findPii, isIpv6 } from "./find-pii.js";
export { findSecrets } from "./find-secrets.js";
export { type FoldedText, foldForMatching } from "./fold-for-matching.js";
export { type GuardOptions, type GuardOptionsInput, guardOptionsSchema } from "./guard-options.js";
export { isValidIban } from "./iban.js";
export {
  createInjectionScanner,
  type InjectionScanner,
  type InjectionScannerOptions,
} from "./injection-scanner.js";
export {
  type LinearModel,
  linearProbability,
  type PackedLinearModel,
  sigmoid,
  unpackLinearModel,
} from "./linear-model.js";
export { passesLuhn } from "./luhn.js";
export {
  classifyWithModel,
  type ModelClassification,
  type ModelClassifierOptions,
} from "./model-classifier.js";
export {
  type OutputCheckKind,
  type OutputFinding,
  outputCheckKinds,
} from "./output-finding.js";
export { cryptoRandom, type RandomSource } from "./random-source.js";
export { checkOutput, type OutputCheckOptions, type RedactResult, redact } from "./redact.js";
export { type SanitizedText, type SanitizeOptions, sanitizeText } from "./sanitize-text.js";
export { scanText, shippedInjectionModel } from "./scan-text.js";
export * from "./scan-types.js";
export {
  type SecurityCheck,
  type SecurityScanOptions,
  type SecurityScanResult,
  securityChecks,
  securityScan,
} from "./security-scan.js";
export * from "./streaming-redactor.js";
export { type SparseFeatures, textFeatures } from "./text-features.js";
export { marksUntrusted, transformUntrusted, untrustedKeyword } from "./untrusted-variables.js";
