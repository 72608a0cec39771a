import type { EngineName, ErrorResponse } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  dosPayloads,
  dosVariables,
} from "../../core/src/templates/__fixtures__/ssti/dos-payloads.js";
import { sstiCorpus, sstiVariables } from "../../core/src/templates/__fixtures__/ssti/index.js";
import { encodedName, startTestServer, type TestServer } from "./support/test-server.js";

/**
 * Server-side template injection through the HTTP API of a real server on a loopback port: every
 * payload of core's corpus is saved as a prompt and rendered, as an attacker with a write key
 * would. The server runs in this process, so the canary function on globalThis and
 * process.env.SECRET_CANARY are within reach of any template that escaped. Hostile renders
 * (huge loops, amplification, recursion) are stopped with 422 TEMPLATE_RENDER naming the limit,
 * and a plain GET sent meanwhile is answered promptly.
 */

const secret = `server-secret-${Math.random().toString(36).slice(2)}`;
const canary = vi.fn(() => secret);
const canaryGlobal = globalThis as { quireSstiCanary?: unknown };
const engines = Object.keys(sstiCorpus) as EngineName[];
/** A refused template or render: its status and code (never a 500). */
const refusals = new Map([
  [422, ["TEMPLATE_SYNTAX", "TEMPLATE_RENDER", "VALIDATION_FAILED"]],
  [404, ["NOT_FOUND"]],
  [413, ["PAYLOAD_TOO_LARGE"]],
  [400, ["VALIDATION_FAILED", "BAD_REQUEST"]],
]);

let server: TestServer;
let prototypesBefore: string[];
let promptCount = 0;

const prototypeKeys = () =>
  [Object.prototype, Array.prototype, String.prototype, Function.prototype].flatMap((prototype) =>
    Object.getOwnPropertyNames(prototype).sort(),
  );

beforeAll(async () => {
  canaryGlobal.quireSstiCanary = canary;
  vi.stubEnv("SECRET_CANARY", secret);
  server = await startTestServer();
  prototypesBefore = prototypeKeys();
});

afterAll(async () => {
  await server?.close();
  delete canaryGlobal.quireSstiCanary;
  vi.unstubAllEnvs();
});

interface Attempt {
  status: number;
  text: string;
  milliseconds: number;
  code?: string;
  limit?: string;
}

/**
 * Saves `template` as a new prompt and renders it with `variables` (an object, or JSON text for
 * what JSON.stringify cannot write, such as 100,000 levels of nesting); the creation's answer
 * when it is refused.
 */
async function saveAndRender(
  engine: EngineName,
  template: string,
  variables: Record<string, unknown> | string,
): Promise<Attempt> {
  const name = `ssti/${engine}-${++promptCount}`;
  const created = await server.request("POST", "/v1/prompts", {
    body: { name, template, engine, type: "text" },
  });
  if (created.status !== 201) return outcome(created, 0);
  const started = performance.now();
  const rendered = await server.request(
    "POST",
    `/v1/prompts/${encodedName(name)}/render`,
    typeof variables === "string"
      ? { rawBody: `{"variables":${variables}}` }
      : { body: { variables } },
  );
  return outcome(rendered, performance.now() - started);
}

/** `{"deep": {"child": {"child": … {"leaf": "end"}}}}` as JSON text, `depth` levels deep. */
function deeplyNestedJson(depth: number): string {
  return `{"deep":${'{"child":'.repeat(depth)}{"leaf":"end"}${"}".repeat(depth)}}`;
}

function outcome(response: { status: number; text: string; body: unknown }, milliseconds: number) {
  const error = (response.body as Partial<ErrorResponse>)?.error;
  const attempt: Attempt = { status: response.status, text: response.text, milliseconds };
  if (error !== undefined) {
    attempt.code = error.code;
    const limit = (error.details as { limit?: unknown } | undefined)?.limit;
    if (typeof limit === "string") attempt.limit = limit;
  }
  return attempt;
}

function expectAnsweredSafely(attempt: Attempt): void {
  if (attempt.status !== 200 && attempt.status !== 201) {
    expect(refusals.get(attempt.status), attempt.text.slice(0, 300)).toContain(attempt.code);
  }
  expect(attempt.text).not.toContain(secret);
  expect(attempt.text).not.toMatch(/\n\s+at /); // no stack trace
  expect(canary).not.toHaveBeenCalled();
  expect(prototypeKeys()).toEqual(prototypesBefore);
}

/** How long a plain GET takes while `hostile` requests are in flight. */
async function healthLatencyDuring<T>(hostile: Promise<T>[]): Promise<number> {
  const started = performance.now();
  const health = await server.request("GET", "/healthz", { key: null });
  const milliseconds = performance.now() - started;
  expect(health.status).toBe(200);
  await Promise.all(hostile);
  return milliseconds;
}

describe.each(engines)("%s templates through the API", (engine) => {
  it.each(sstiCorpus[engine].map((payload) => [payload.technique, payload.source] as const))(
    "%s: runs nothing, reads no secret",
    async (_technique, source) => {
      expectAnsweredSafely(await saveAndRender(engine, source, sstiVariables()));
    },
  );

  it.each(
    dosPayloads[engine]
      .filter((payload) => payload.partials === undefined && payload.stoppedBy.length > 0)
      .map((payload) => [payload.technique, payload] as const),
  )(
    "%s: stopped with 422 naming the limit, the server answering meanwhile",
    async (_t, payload) => {
      const hostile = saveAndRender(engine, payload.source, dosVariables());
      const healthMs = await healthLatencyDuring([hostile]);
      const attempt = await hostile;
      expectAnsweredSafely(attempt);
      expect(attempt.status, attempt.text.slice(0, 300)).toBe(422);
      expect(attempt.code).toBe("TEMPLATE_RENDER");
      expect(payload.stoppedBy).toContain(attempt.limit);
      // maxRenderMs is 100: the render is stopped soon after, and a GET waits at most that long.
      expect(attempt.milliseconds).toBeLessThan(2000);
      expect(healthMs).toBeLessThan(2000);
    },
  );
});

describe("hostile renders and other requests", () => {
  it("answers a GET promptly while several hostile renders run, and renders normally after", async () => {
    const loop = dosPayloads.jinja2[1]?.source ?? "";
    const hostile = Array.from({ length: 4 }, () => saveAndRender("jinja2", loop, {}));
    const healthMs = await healthLatencyDuring(hostile);
    for (const attempt of await Promise.all(hostile)) {
      expect(attempt.status).toBe(422);
      expect(attempt.limit).toMatch(/maxRenderMs|maxLoopIterations/);
    }
    // Four renders of at most ~100 ms each ahead of it, on a shared machine.
    expect(healthMs).toBeLessThan(3000);
    const plain = await saveAndRender("handlebars", "Hello {{name}}", { name: "Ada" });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text).text).toBe("Hello Ada");
  });

  it.each(engines)("%s: deeply nested and very large variables", async (engine) => {
    const source = {
      handlebars: "{{deep.child.leaf}}{{#each items}}{{../text}}{{/each}}",
      jinja2: "{{ deep.child.leaf }}{% for i in items %}{{ text }}{% endfor %}",
      liquid: "{{ deep.child.leaf }}{% for i in items %}{{ text }}{% endfor %}",
      mustache: "{{deep.child.leaf}}{{#items}}{{text}}{{/items}}",
    }[engine];
    for (const depth of [1000, 100_000]) {
      const deep = await saveAndRender(engine, source, deeplyNestedJson(depth));
      expectAnsweredSafely(deep);
    }
    const huge = await saveAndRender(engine, source, {
      text: "z".repeat(400_000),
      items: [1, 2, 3],
    });
    expectAnsweredSafely(huge);
    expect(huge.status).toBe(422);
    expect(huge.limit).toBe("maxOutputBytes");
  });
});
