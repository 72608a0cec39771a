import { describe, expect, it } from "vitest";
import { hashPassword, unknownUserHash, verifyPassword } from "./passwords.js";

describe("passwords", () => {
  it("hashes with scrypt and a fresh salt each time, and verifies only the right password", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse battery", first)).toBe(true);
    expect(await verifyPassword("correct horse batterY", first)).toBe(false);
    expect(await verifyPassword("", first)).toBe(false);
  });

  it("never matches a tampered, foreign or dummy hash", async () => {
    const stored = await hashPassword("a long enough password");
    const parts = stored.split("$");
    parts[5] = Buffer.alloc(32, 1).toString("base64");
    expect(await verifyPassword("a long enough password", parts.join("$"))).toBe(false);
    expect(await verifyPassword("a long enough password", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("", unknownUserHash)).toBe(false);
  });
});
