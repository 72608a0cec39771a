/**
 * The source of the sandbox worker, run with `new Worker(source, { eval: true })` so it needs no
 * file next to the compiled code (the CLI runs from TypeScript sources and from `dist/` alike).
 *
 * Each job runs in a fresh `node:vm` context holding nothing but the JavaScript built-ins: no
 * `require`, `process`, `fetch`, timers or console. Code generation from strings is off in it
 * (`eval`, `Function('return process')` throw). Only strings cross the boundary: the input goes
 * in as JSON text parsed inside, the user's function is called, its promise settled and its value
 * turned into JSON by code running inside the context, and the worker reads back one string. So
 * no object or function of the worker's realm (whose constructors would reach the worker's own
 * `Function` and `process`) is ever handed to the user's code. The worker runs with an empty
 * environment and memory limits; the main thread terminates it on timeout, and `vm`'s timeout
 * (microtasks included: `microtaskMode: "afterEvaluate"`) stops synchronous loops early.
 */
export const sandboxWorkerSource = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const vm = require("node:vm");

const runner = "(() => {" +
  "  const state = { settled: false, json: 'null', error: undefined };" +
  "  const describe = (error) => { try { return error instanceof Error ? error.name + ': ' + error.message : 'thrown: ' + String(error); } catch { return 'an error that cannot be shown'; } };" +
  "  const fail = (error) => { state.settled = true; state.error = describe(error); };" +
  "  const succeed = (value) => { try { const json = JSON.stringify(value === undefined ? null : value); state.json = json === undefined ? 'null' : json; state.settled = true; } catch (error) { fail(error); } };" +
  "  try {" +
  "    const input = JSON.parse(__inputJson);" +
  "    Promise.resolve(__assertionFunction(input.output, input.context)).then(succeed, fail);" +
  "  } catch (error) { fail(error); }" +
  "  return () => state.settled ? (state.error === undefined ? 'ok:' + state.json : 'error:' + state.error) : 'pending';" +
  "})()";

function run(job) {
  const context = vm.createContext(Object.create(null), {
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: "afterEvaluate",
  });
  const timeout = Math.max(1, job.timeoutMs);
  const wrapped = "(async function (output, context) {\n" + job.body + "\n})";
  const script = new vm.Script(wrapped, { filename: "javascript-assertion.js" });
  context.__assertionFunction = script.runInContext(context, { timeout });
  context.__inputJson = job.inputJson;
  context.__read = vm.runInContext(runner, context, { timeout });
  const answer = vm.runInContext("'' + __read()", context, { timeout });
  if (typeof answer !== "string") return { ok: false, message: "the assertion gave no answer" };
  if (answer.startsWith("ok:")) return { ok: true, json: answer.slice(3) };
  if (answer.startsWith("error:")) return { ok: false, message: answer.slice(6) };
  return { ok: false, message: "the assertion returned a promise that never settles" };
}

parentPort.on("message", (job) => {
  let reply;
  try {
    reply = run(job);
  } catch (error) {
    let message = "the assertion failed";
    try {
      message = error && typeof error.message === "string" ? String(error.name) + ": " + error.message : String(error);
    } catch {}
    reply = { ok: false, message };
  }
  parentPort.postMessage({ id: job.id, ...reply });
});
`;
