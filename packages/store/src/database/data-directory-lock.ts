import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { QuireError } from "@quire/core";

/**
 * An exclusive lock on an embedded database folder, held by one process at a time.
 *
 * PGlite runs PostgreSQL in single-user mode inside this process: two processes (or two stores
 * in one process) opening the same folder would each believe they own it and corrupt it. PGlite
 * itself does not stop that (its `postmaster.pid` always says -42), so the store keeps a lock
 * file holding its process id. A lock left by a process that no longer runs (killed with
 * SIGKILL, machine restarted) is stale and is taken over. The check is by process id on this
 * machine (a restarted container has a new host name, so the host name is only reported): do
 * not share one folder between machines.
 */
export interface DataDirectoryLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  hostname: string;
  acquiredAt: string;
}

/** Lock files this process holds, so that a lock left by an earlier process with our pid is stale. */
const heldLockPaths = new Set<string>();

export function acquireDataDirectoryLock(lockPath: string): DataDirectoryLock {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreateLockFile(lockPath)) return heldLock(lockPath);
    const owner = readOwner(lockPath);
    if (owner !== undefined && ownerIsAlive(owner, lockPath)) {
      const who =
        owner.pid === process.pid ? "this process (another open store)" : `process ${owner.pid}`;
      throw new QuireError(
        "UNAVAILABLE",
        `The embedded database is already open by ${who} since ${owner.acquiredAt}: only one process may use it at a time. Stop the other Quire process (or close the other store), or use PostgreSQL (QUIRE_DATABASE_URL) to share one database. If no such process runs, delete ${lockPath}.`,
        { details: { lockPath, ownerPid: owner.pid, ownerHostname: owner.hostname } },
      );
    }
    // Stale (or half-written by a process killed while writing it): take it over.
    try {
      unlinkSync(lockPath);
    } catch (error) {
      if (!isErrorCode(error, "ENOENT")) throw error;
    }
  }
  throw new QuireError(
    "UNAVAILABLE",
    `Could not take the lock ${lockPath} of the embedded database: other processes keep taking it. Try again.`,
    { details: { lockPath }, retryable: true },
  );
}

function tryCreateLockFile(lockPath: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(lockPath, "wx", 0o600);
  } catch (error) {
    if (isErrorCode(error, "EEXIST")) return false;
    throw error;
  }
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    acquiredAt: new Date().toISOString(),
  };
  try {
    writeSync(descriptor, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function heldLock(lockPath: string): DataDirectoryLock {
  heldLockPaths.add(lockPath);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldLockPaths.delete(lockPath);
    process.removeListener("exit", release);
    const owner = readOwner(lockPath);
    if (owner?.pid !== process.pid) return;
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  // A process that exits without closing the store still leaves no lock behind.
  process.once("exit", release);
  return { path: lockPath, release };
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, "utf8"));
    if (parsed !== null && typeof parsed === "object" && "pid" in parsed) {
      return parsed as LockOwner;
    }
  } catch {
    // Missing, empty or half-written: treated as stale.
  }
  return undefined;
}

function ownerIsAlive(owner: LockOwner, lockPath: string): boolean {
  // Our own pid: either we hold it, or an earlier process with the same pid (a restarted
  // container) died holding it.
  if (owner.pid === process.pid) return heldLockPaths.has(lockPath);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrorCode(error, "EPERM");
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
