export { fixedWindow, type RateLimitStore, type RateLimitWindow } from "./rate-limit-store.js";
