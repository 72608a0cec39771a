import { createReadStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CompressedFiles, chooseEncoding } from "./compressed-files.js";
import { contentTypeOf } from "./content-types.js";

export interface WebUiOptions {
  /** The built UI: index.html and assets/ (packages/web/dist). */
  directory: string;
}

/** The UI's pages may load their own scripts and styles and call the API on this origin only. */
const webContentSecurityPolicy = [
  "default-src 'self'",
  // 'unsafe-eval': the live preview compiles templates in the page with the engines core uses
  // (Handlebars and Nunjucks compile to functions). Scripts still come from this origin only.
  "script-src 'self' 'unsafe-eval'",
  // CodeMirror writes its styles into <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Paths that belong to the API and its docs: never answered with the UI's page. */
const apiPrefixes = ["/v1", "/docs", "/openapi.json", "/healthz"];

/**
 * Serves the built web UI at `/`: files from the folder (hashed assets cached for a year), and
 * index.html for every other path that is not the API's, so the UI's own routes load on refresh.
 * A folder without a build answers with how to build it. The server never imports the UI: it
 * only knows the folder.
 */
export function registerWebUi(app: FastifyInstance, options: WebUiOptions): void {
  const root = path.resolve(options.directory);
  const index = path.join(root, "index.html");
  let built = false;
  const compressed = new CompressedFiles();

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = (request.url.split("?")[0] ?? "/").replace(/\/+$/, "") || "/";
    if (apiPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
      return reply.callNotFound();
    }
    // Once built, stays built for this process (a rebuild replaces the files in place).
    built ||= existsSync(index);
    if (!built) return notBuilt(request, reply, root);
    const file = await fileFor(root, pathname);
    if (file !== undefined) {
      const immutable = pathname.startsWith("/assets/");
      return sendFile(request, reply, file, immutable, compressed);
    }
    // An asset that is not there is a 404, not the page (a stale tab asking for an old chunk).
    if (pathname.startsWith("/assets/") || /\.[a-z0-9]+$/i.test(pathname)) {
      return reply.callNotFound();
    }
    return sendFile(request, reply, index, false, compressed);
  };
  app.get("/", { schema: { hide: true } }, handler);
  app.get("/*", { schema: { hide: true } }, handler);
}

/** The file a URL path names inside the folder, or undefined (outside it, missing, a folder). */
async function fileFor(root: string, pathname: string): Promise<string | undefined> {
  if (pathname === "/") return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const target = path.resolve(root, `.${decoded}`);
  if (target !== root && !target.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    return (await stat(target)).isFile() ? target : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  immutable: boolean,
  compressed: CompressedFiles,
) {
  reply.header("content-type", contentTypeOf(file));
  reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  reply.header("vary", "accept-encoding");
  if (file.endsWith(".html")) reply.header("content-security-policy", webContentSecurityPolicy);
  const encoding = chooseEncoding(file, request.headers["accept-encoding"]);
  if (encoding === undefined) return reply.send(createReadStream(file));
  // The first request for a file compresses it; later ones are served from memory.
  reply.header("content-encoding", encoding);
  return reply.send(await compressed.get(file, encoding));
}

const howToBuild =
  "npm run build (builds every package and the web UI), or npm run build -w @quire/web";

function notBuilt(request: FastifyRequest, reply: FastifyReply, root: string) {
  reply.code(503).header("cache-control", "no-store").header("retry-after", "10");
  const message = `Quire's web UI is not built: there is no index.html in ${root}. Build it with: ${howToBuild}; then reload. The API works meanwhile (docs at /docs).`;
  if ((request.headers.accept ?? "").includes("text/html")) {
    reply.header("content-type", "text/html; charset=utf-8");
    reply.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    return reply.send(notBuiltPage(root));
  }
  return reply.send({
    error: { code: "UNAVAILABLE", message, details: { directory: root, build: howToBuild } },
  });
}

function notBuiltPage(root: string): string {
  const escaped = root.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quire: the web UI is not built</title>
<style>body{font:15px system-ui,sans-serif;max-width:640px;margin:64px auto;padding:0 16px;color:#1d1f23}code{background:#f0f1f3;padding:2px 5px;border-radius:4px}</style></head>
<body><h1>The web UI is not built yet</h1>
<p>Quire is running, but there is no built UI in <code>${escaped}</code>.</p>
<p>Build it from the repository's folder, then reload this page:</p>
<p><code>npm run build</code> &nbsp;(everything) or <code>npm run build -w @quire/web</code> &nbsp;(the UI only)</p>
<p>The HTTP API works meanwhile: <a href="/docs">API docs</a>, <a href="/healthz">/healthz</a>.</p>
</body></html>`;
}
