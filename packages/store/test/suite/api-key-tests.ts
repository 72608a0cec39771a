import { expect, it } from "vitest";
import type { ApiKeyRecord } from "../../src/index.js";
import { expectQuireError, isoUtcPattern, type SuiteContext } from "./store-fixtures.js";

export function registerApiKeyTests(context: SuiteContext): void {
  it("stores API keys by hash, finds them, counts them and revokes them", async () => {
    const hash = `hash-${context.uniqueName("key")}`;
    const countBefore = await context.store().countApiKeys();
    const created = await context
      .store()
      .createApiKey({ name: "ci", prefix: "qk_ab12", hash, scope: "write" });
    expect(created).toMatchObject({
      name: "ci",
      prefix: "qk_ab12",
      scope: "write",
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created.createdAt).toMatch(isoUtcPattern);
    expect(await context.store().countApiKeys()).toBe(countBefore + 1);

    const found = await context.store().findApiKeyByHash(hash);
    expect(found).toMatchObject({ id: created.id, scope: "write" });
    expect(found?.lastUsedAt).toMatch(isoUtcPattern);
    expect(await context.store().findApiKeyByHash(`${hash}-other`)).toBeUndefined();

    await expectQuireError(
      context.store().createApiKey({ name: "copy", prefix: "qk_ab12", hash, scope: "read" }),
      "CONFLICT",
    );
    const revoked = await context.store().revokeApiKey(created.id);
    expect(revoked.revokedAt).toMatch(isoUtcPattern);
    expect((await context.store().revokeApiKey(created.id)).revokedAt).toBe(revoked.revokedAt);
    expect((await context.store().findApiKeyByHash(hash))?.revokedAt).toBe(revoked.revokedAt);
    expect(
      (await context.store().listApiKeys()).find((key) => key.id === created.id)?.revokedAt,
    ).toBe(revoked.revokedAt);
    // Revoked keys still count: the count tells whether a key was ever made.
    expect(await context.store().countApiKeys()).toBe(countBefore + 1);
    await expectQuireError(context.store().revokeApiKey("no-such-key"), "NOT_FOUND");
  });

  it("refuses an unknown scope", async () => {
    await expectQuireError(
      context.store().createApiKey({
        name: "x",
        prefix: "qk_x",
        hash: context.uniqueName("h"),
        // A caller that skipped request validation.
        scope: "root" as ApiKeyRecord["scope"],
      }),
      "VALIDATION_FAILED",
    );
  });
}
