import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CreatedProjectResponse, ProjectSummary } from "@quire/core";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runQuire } from "./run-quire.js";

let root: string;
let project: string;
let configHome: string;
let server: RunningServer;
const password = "a sufficiently long secret";

const quire = (args: string[], env: Record<string, string> = {}) =>
  runQuire(args, {
    cwd: project,
    env: { QUIRE_URL: server.url, XDG_CONFIG_HOME: configHome, ...env },
  });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "quire-cli-login-"));
  project = path.join(root, "project");
  configHome = path.join(root, "config");
  mkdirSync(project);
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(project, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
  // The first start's admin key (found in .quire/admin.key) adds a viewer.
  const added = await quire(["members", "set", "vic@example.com", "--role", "viewer"], {
    QUIRE_MEMBER_PASSWORD: password,
  });
  expect(added.code, added.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("quire login, logout and projects", () => {
  test("login saves a personal key (0600) that later commands use; logout revokes it", async () => {
    const wrong = await quire(["login", "--email", "vic@example.com"], {
      QUIRE_PASSWORD: "not the password",
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("Wrong email or password");

    const noPassword = await quire(["login", "--email", "vic@example.com"]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("QUIRE_PASSWORD");

    const login = await quire(["login", "--email", "vic@example.com"], {
      QUIRE_PASSWORD: password,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain("as vic@example.com (viewer");
    const file = path.join(configHome, "quire", "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8")) as {
      servers: Record<string, { apiKey: string; role: string }>;
    };
    const entry = saved.servers[server.url.replace(/\/+$/, "")];
    expect(entry?.role).toBe("viewer");
    expect(login.stdout).not.toContain(entry?.apiKey ?? "missing");

    // Without --api-key or QUIRE_API_KEY, the saved key wins over .quire/admin.key: a viewer.
    const listed = await quire(["projects", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout) as ProjectSummary[]).toEqual([
      expect.objectContaining({ id: "default", role: "viewer" }),
    ]);
    const refused = await quire(["projects", "create", "mine"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('needs "admin"');
    // The explicit variable still wins over the saved login.
    const adminKey = readFileSync(path.join(project, ".quire", "admin.key"), "utf8").trim();
    const asAdmin = await quire(["projects", "list", "--json"], { QUIRE_API_KEY: adminKey });
    expect((JSON.parse(asAdmin.stdout) as ProjectSummary[])[0]?.role).toBe("admin");

    const logout = await quire(["logout"]);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toContain("revoked and forgotten");
    expect(() => statSync(file)).toThrow();
    const revoked = await quire(["projects", "list"], { QUIRE_API_KEY: entry?.apiKey ?? "" });
    expect(revoked.code).not.toBe(0);
    expect(revoked.stderr).toContain("revoked");
    const again = await quire(["logout"]);
    expect(again.stdout).toContain("not signed in");
  }, 240_000);

  test("projects create prints the new project's admin key once; a taken id fails", async () => {
    const created = await quire(["projects", "create", "billing", "--name", "Billing bot"]);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^quire_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('created project "billing"');
    const there = await quire(["projects", "list", "--json"], { QUIRE_API_KEY: key });
    expect(JSON.parse(there.stdout) as ProjectSummary[]).toEqual([
      expect.objectContaining({ id: "billing", name: "Billing bot", role: "admin" }),
    ]);
    const taken = await quire(["projects", "create", "billing", "--json"]);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain("already exists");
    const bad = await quire(["projects", "create", "Not A Slug"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("Invalid project id");
    const json = await quire(["projects", "create", "search", "--json"]);
    expect((JSON.parse(json.stdout) as CreatedProjectResponse).project.id).toBe("search");
  }, 240_000);
});
