export { sha256, sha256Hex } from "./sha256.js";
