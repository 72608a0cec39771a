import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { openStore, type Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type QuireApp } from "../../src/build-app.js";

describe("serving the built web UI", () => {
  let directory: string;
  let store: Store;
  let built: QuireApp;
  let empty: QuireApp;
  const page = "<!doctype html><title>Quire</title><div id=root></div>";

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "quire-web-"));
    const web = join(directory, "web");
    await mkdir(join(web, "assets"), { recursive: true });
    await writeFile(join(web, "index.html"), page);
    await writeFile(join(web, "assets", "index-abc123.js"), "console.log(1)");
    await writeFile(join(directory, "secret.txt"), "outside the folder");
    store = await openStore({ dataDirectory: join(directory, "data") });
    built = await buildApp({ store, logLevel: "silent", webDirectory: web });
    empty = await buildApp({ store, logLevel: "silent", webDirectory: join(directory, "nothing") });
  });
  afterAll(async () => {
    await built?.app.close();
    await empty?.app.close();
    await store?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("answers / with the UI's page, with a policy that lets it run its own scripts only", async () => {
    const response = await built.app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.body).toBe(page);
  });

  it("serves hashed assets with a long cache and the right type", async () => {
    const response = await built.app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(response.headers["cache-control"]).toContain("immutable");
    expect(response.body).toBe("console.log(1)");
  });

  it("compresses text files for clients that accept it (brotli before gzip), the same bytes inside", async () => {
    const url = "/assets/index-abc123.js";
    const brotli = await built.app.inject({
      method: "GET",
      url,
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toContain("accept-encoding");
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe("console.log(1)");
    const gzipped = await built.app.inject({
      method: "GET",
      url,
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe("console.log(1)");
    const refused = await built.app.inject({
      method: "GET",
      url,
      headers: { "accept-encoding": "br;q=0, identity" },
    });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body).toBe("console.log(1)");
  });

  it("answers the UI's own routes with the page, so a reload works", async () => {
    for (const url of ["/prompts/support%2Ftriage", "/prompts/a%2Fb/history", "/new?x=1"]) {
      const response = await built.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(page);
    }
  });

  it("answers a missing asset with 404, not the page", async () => {
    const response = await built.app.inject({ method: "GET", url: "/assets/index-old.js" });
    expect(response.statusCode).toBe(404);
  });

  it("never serves a file outside the folder", async () => {
    for (const url of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"]) {
      const response = await built.app.inject({ method: "GET", url });
      expect(response.body, url).not.toContain("outside the folder");
    }
  });

  it("leaves the API, its docs and health to their routes", async () => {
    expect((await built.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({
      status: "ok",
    });
    const unknown = await built.app.inject({ method: "GET", url: "/v1/no-such-route" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const prompts = await built.app.inject({ method: "GET", url: "/v1/prompts" });
    expect(prompts.statusCode).toBe(401);
    const openapi = await built.app.inject({ method: "GET", url: "/openapi.json" });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).not.toContain("/*");
  });

  it("says how to build the UI when the folder has no build", async () => {
    const html = await empty.app.inject({
      method: "GET",
      url: "/",
      headers: { accept: "text/html" },
    });
    expect(html.statusCode).toBe(503);
    expect(html.body).toContain("npm run build");
    const json = await empty.app.inject({ method: "GET", url: "/" });
    expect(json.statusCode).toBe(503);
    expect(json.json()).toMatchObject({ error: { code: "UNAVAILABLE" } });
    expect(json.json().error.message).toMatch(/not built.*npm run build/);
  });
});
