import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ApiKey, AuditPage } from "@quire/core";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runQuire } from "./run-quire.js";

let root: string;
let project: string;
let server: RunningServer;

const quire = (args: string[], env: Record<string, string> = {}) =>
  runQuire(args, { cwd: project, env: { QUIRE_URL: server.url, ...env } });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "quire-cli-access-"));
  project = path.join(root, "project");
  mkdirSync(project);
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(project, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("quire keys and quire audit", () => {
  test("create prints the secret once, list shows it by prefix, revoke stops it, audit shows both", async () => {
    const created = await quire(["keys", "create", "ci", "--role", "editor"]);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^quire_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("shown only now");

    const listed = await quire(["keys", "list", "--json"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    const keys = JSON.parse(listed.stdout) as ApiKey[];
    const ci = keys.find((key) => key.name === "ci");
    expect(ci).toMatchObject({ role: "editor", prefix: secret.slice(0, 10) });

    // An editor's key may not manage keys.
    const refused = await quire(["keys", "list"], { QUIRE_API_KEY: secret });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('needs "admin"');

    const revoked = await quire(["keys", "revoke", ci?.id ?? "missing"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain("revoked ci");
    const after = await quire(["versions", "some/prompt"], { QUIRE_API_KEY: secret });
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain("revoked");

    const audit = await quire(["audit", "--json", "--target", "key:ci"]);
    expect(audit.code, audit.stderr).toBe(0);
    const page = JSON.parse(audit.stdout) as AuditPage;
    expect(page.items.map((entry) => entry.action)).toEqual(["key.revoke", "key.create"]);
    const table = await quire(["audit", "--limit", "1"]);
    expect(table.stdout).toContain("key.revoke");
    expect(table.stderr).toMatch(/more: quire audit --cursor \d+/);
  });

  test("refuses a bad role or limit before asking the server", async () => {
    const role = await quire(["keys", "create", "x", "--role", "owner"]);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain("--role must be one of viewer, editor, publisher, admin");
    const limit = await quire(["audit", "--limit", "0"]);
    expect(limit.code).not.toBe(0);
    expect(limit.stderr).toContain("--limit must be");
    expect(readFileSync(path.join(project, ".quire", "admin.key"), "utf8")).toMatch(/^quire_/);
  });
});

describe("quire label under the two-person rule", () => {
  test("says the label did not move and names the change request opened instead", async () => {
    const key = readFileSync(server.adminKeyPath, "utf8").trim();
    const send = (method: string, url: string, body: unknown) =>
      fetch(`${server.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await send("POST", "/v1/prompts", { name: "gated/p", template: "v1", labels: ["production"] });
    await send("POST", "/v1/prompts/gated%2Fp/versions", { template: "v2" });
    expect((await send("PUT", "/v1/settings", { twoPersonRule: true })).status).toBe(200);
    try {
      const asked = await quire(["label", "gated/p", "production", "2"]);
      expect(asked.code).toBe(0);
      expect(asked.stdout).toMatch(/production not moved: .*change request \S+ \(→ v2\)/);
      const json = await quire(["label", "gated/p", "production", "2", "--json"]);
      const opened = JSON.parse(json.stdout) as { id: string };
      expect(opened).toMatchObject({ status: "open", toVersion: 2 });

      const listed = await quire(["change-requests", "list", "--status", "open"]);
      expect(listed.stdout).toContain("gated/p: production v1 → v2");
      const shown = await quire(["change-requests", "show", opened.id]);
      expect(shown.stdout).toMatch(/- v1\n\+ v2/);
      // Its author may not approve it; another publisher may.
      const own = await quire(["change-requests", "approve", opened.id]);
      expect(own.code).not.toBe(0);
      const second = await quire(["keys", "create", "reviewer", "--role", "publisher"]);
      const reviewer = second.stdout.trim().split("\n").at(-1)?.trim() ?? "";
      const approved = await quire(["change-requests", "approve", opened.id], {
        QUIRE_API_KEY: reviewer,
      });
      expect(approved.stdout).toContain(`approved ${opened.id}`);
      const served = await fetch(`${server.url}/v1/prompts/gated%2Fp?label=production`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(((await served.json()) as { version: { number: number } }).version.number).toBe(2);
      const bad = await quire(["change-requests", "list", "--status", "pending"]);
      expect(bad.code).toBe(2);
    } finally {
      await send("PUT", "/v1/settings", { twoPersonRule: false });
    }
  });
});

describe("quire settings and quire members", () => {
  test("show and change settings, add a member with a password from the environment", async () => {
    const shown = await quire(["settings", "show", "--json"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ protectedLabels: ["production"] });
    const changed = await quire(["settings", "set", "--protected-labels", "production, staging"]);
    expect(changed.stdout).toMatch(/protected labels\s+production, staging/);
    expect(changed.stdout).toMatch(/two-person rule\s+off/);

    expect((await quire(["members", "list"])).stdout).toContain("no members yet");
    const weak = await quire(["members", "set", "ada@example.com", "--role", "admin"], {
      QUIRE_MEMBER_PASSWORD: "short",
    });
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain("12 characters");
    const added = await quire(["members", "set", "ada@example.com", "--role", "admin"], {
      QUIRE_MEMBER_PASSWORD: "correct horse battery staple",
    });
    expect(added.stdout).toBe("ada@example.com is admin\n");
    const listed = await quire(["members", "list", "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ email: "ada@example.com", role: "admin" }]);
    await quire(["settings", "set", "--protected-labels", "production"]);
  });

  test("refuses bad flags before asking the server", async () => {
    expect((await quire(["settings", "set", "--two-person-rule", "maybe"])).code).toBe(2);
    expect((await quire(["settings", "set"])).code).toBe(2);
    expect((await quire(["members", "set", "x@example.com", "--role", "owner"])).code).toBe(2);
  });
});
