import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirectoryLock } from "./data-directory-lock.js";

describe("acquireDataDirectoryLock", () => {
  let folder = "";
  let lockPath = "";
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "quire-lock-"));
    lockPath = join(folder, "db.lock");
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("holds the lock until released, refusing a second holder meanwhile", () => {
    const lock = acquireDataDirectoryLock(lockPath);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    expect(() => acquireDataDirectoryLock(lockPath)).toThrow(/already open by this process/);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    acquireDataDirectoryLock(lockPath).release();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const exited = spawnSync(process.execPath, ["-e", ""]);
    expect(exited.pid).toBeGreaterThan(0);
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: exited.pid, hostname: "gone", acquiredAt: "then" }),
    );
    const lock = acquireDataDirectoryLock(lockPath);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock with this process's id that this process does not hold (a restarted container)", () => {
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.pid, hostname: "old", acquiredAt: "then" }),
    );
    acquireDataDirectoryLock(lockPath).release();
  });

  it("takes over a half-written lock file", () => {
    writeFileSync(lockPath, '{"pid": 12');
    acquireDataDirectoryLock(lockPath).release();
  });

  it("refuses a lock held by another running process, naming it", () => {
    // The parent of this process runs as long as the test does.
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.ppid, hostname: "here", acquiredAt: "now" }),
    );
    expect(() => acquireDataDirectoryLock(lockPath)).toThrow(new RegExp(`process ${process.ppid}`));
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.ppid);
  });
});
