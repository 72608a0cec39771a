/**
 * Property tests explore new random inputs on every local run (fast-check prints the seed and
 * path of any failure, to replay it). In CI they run from one fixed seed, so a landing never
 * depends on the luck of the draw; set QUIRE_FAST_CHECK_SEED to replay another.
 */
import fc from "fast-check";

const seed = process.env.QUIRE_FAST_CHECK_SEED ?? (process.env.CI ? "20261121" : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
