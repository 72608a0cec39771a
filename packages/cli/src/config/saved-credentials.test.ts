import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  credentialsPath,
  findCredentialsPath,
  readSavedCredential,
  removeSavedCredential,
  type SavedCredential,
  saveCredential,
} from "./saved-credentials.js";

const root = mkdtempSync(path.join(tmpdir(), "quire-credentials-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const credential = (apiKey: string): SavedCredential => ({
  apiKey,
  keyId: `id-${apiKey}`,
  prefix: apiKey.slice(0, 10),
  email: "vic@example.com",
  projectId: "default",
  role: "viewer",
  savedAt: "2026-11-21T00:00:00.000Z",
});

describe("saved logins", () => {
  it("live in XDG_CONFIG_HOME when it is absolute, else in ~/.config", () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: "/x/config", HOME: "/home/v" })).toBe(
      "/x/config/quire/credentials.json",
    );
    expect(credentialsPath({ XDG_CONFIG_HOME: "relative", HOME: "/home/v" })).toBe(
      "/home/v/.config/quire/credentials.json",
    );
    expect(findCredentialsPath({})).toBeUndefined();
    expect(() => credentialsPath({})).toThrow(/HOME or XDG_CONFIG_HOME/);
    expect(readSavedCredential({}, "http://a")).toBeUndefined();
  });

  it("are kept per server URL in a 0600 file, which goes with the last one", () => {
    const environment = { XDG_CONFIG_HOME: path.join(root, "one") };
    const file = saveCredential(environment, "http://a:4141/", credential("quire_aaaaaaaaaa"));
    saveCredential(environment, "http://b:4141", credential("quire_bbbbbbbbbb"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readSavedCredential(environment, "http://a:4141")?.apiKey).toBe("quire_aaaaaaaaaa");
    expect(readSavedCredential(environment, "http://b:4141/")?.apiKey).toBe("quire_bbbbbbbbbb");
    removeSavedCredential(environment, "http://a:4141");
    expect(readSavedCredential(environment, "http://a:4141")).toBeUndefined();
    expect(JSON.parse(readFileSync(file, "utf8")).servers).toHaveProperty(["http://b:4141"]);
    removeSavedCredential(environment, "http://b:4141");
    expect(() => statSync(file)).toThrow();
  });

  it("refuses a file it did not write, saying how to fix it", () => {
    const environment = { XDG_CONFIG_HOME: path.join(root, "two") };
    const file = saveCredential(environment, "http://a", credential("quire_cccccccccc"));
    writeFileSync(file, "{not json");
    expect(() => readSavedCredential(environment, "http://a")).toThrow(/quire login/);
  });
});
