export { diffedFields, diffVersions } from "./diff-versions.js";
export { type FieldChange, fieldChanges, pointerSegment } from "./field-diff.js";
export { type LineChange, lineChanges, splitLines } from "./line-diff.js";
export { templateText } from "./template-text.js";
