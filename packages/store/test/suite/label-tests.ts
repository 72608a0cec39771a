import { labelMoveSchema } from "@quire/core";
import { expect, it } from "vitest";
import {
  expectQuireError,
  isoUtcPattern,
  newPrompt,
  newVersion,
  type SuiteContext,
} from "./store-fixtures.js";

export function registerLabelTests(context: SuiteContext): void {
  async function promptWithVersions(count: number): Promise<string> {
    const name = context.uniqueName("labels");
    await context.store().createPrompt(newPrompt(name));
    for (let number = 2; number <= count; number += 1) {
      await context.store().createVersion(newVersion(name, `template ${number}`));
    }
    return name;
  }

  it("moves a label, shows it on the prompt and the version, and records the move", async () => {
    const name = await promptWithVersions(3);
    const move = await context
      .store()
      .moveLabel({ name, label: "production", version: 2, actor: "ops", reason: "deploy" });
    expect(labelMoveSchema.parse(move)).toEqual(move);
    expect(move).toMatchObject({
      prompt: name,
      label: "production",
      fromVersion: null,
      toVersion: 2,
      actor: "ops",
    });
    expect(move.movedAt).toMatch(isoUtcPattern);
    const rollback = await context
      .store()
      .moveLabel({ name, label: "production", version: 1, actor: "ops", reason: "rollback" });
    expect(rollback).toMatchObject({ fromVersion: 2, toVersion: 1, reason: "rollback" });
    expect((await context.store().getPrompt(name))?.labels).toEqual({ production: 1 });
    expect((await context.store().getVersion(name, 1))?.labels).toEqual(["production"]);
    expect((await context.store().getVersion(name, 2))?.labels).toEqual([]);
    const history = await context.store().labelHistory(name, { limit: 10 });
    expect(history.items.map((item) => [item.fromVersion, item.toVersion, item.reason])).toEqual([
      [2, 1, "rollback"],
      [null, 2, "deploy"],
    ]);
  });

  it("records a move to the version the label already points at, as from = to", async () => {
    const name = await promptWithVersions(2);
    await context
      .store()
      .moveLabel({ name, label: "staging", version: 2, actor: "ops", reason: "first" });
    const again = await context
      .store()
      .moveLabel({ name, label: "staging", version: 2, actor: "eve", reason: "again" });
    expect(again).toMatchObject({ fromVersion: 2, toVersion: 2, actor: "eve" });
    expect((await context.store().labelHistory(name, { limit: 10 })).items).toHaveLength(2);
  });

  it("answers NOT_FOUND for an unknown prompt or version, naming the versions that exist", async () => {
    const name = await promptWithVersions(3);
    await expectQuireError(
      context.store().moveLabel({
        name: `${name}-missing`,
        label: "production",
        version: 1,
        actor: "ops",
        reason: "",
      }),
      "NOT_FOUND",
    );
    const error = await expectQuireError(
      context
        .store()
        .moveLabel({ name, label: "production", version: 9, actor: "ops", reason: "" }),
      "NOT_FOUND",
    );
    expect(error.message).toMatch(/1 to 3/);
    expect(error.details).toMatchObject({ version: 9, latestVersion: 3 });
    await expectQuireError(
      context.store().labelHistory(`${name}-missing`, { limit: 10 }),
      "NOT_FOUND",
    );
    expect((await context.store().labelHistory(name, { limit: 10 })).items).toEqual([]);
  });

  it("refuses label names that look like versions or are implicit, and bad version numbers", async () => {
    const name = await promptWithVersions(1);
    for (const label of ["7", "latest", "Production", ""]) {
      await expectQuireError(
        context.store().moveLabel({ name, label, version: 1, actor: "ops", reason: "" }),
        "VALIDATION_FAILED",
      );
    }
    await expectQuireError(
      context
        .store()
        .moveLabel({ name, label: "production", version: 0, actor: "ops", reason: "" }),
      "VALIDATION_FAILED",
    );
    expect((await context.store().getPrompt(name))?.labels).toEqual({});
  });

  it("pages label history newest first", async () => {
    const name = await promptWithVersions(3);
    for (const version of [1, 2, 3, 1, 2]) {
      await context
        .store()
        .moveLabel({ name, label: "production", version, actor: "ops", reason: `to ${version}` });
    }
    const first = await context.store().labelHistory(name, { limit: 2 });
    expect(first.items.map((item) => item.reason)).toEqual(["to 2", "to 1"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await context
      .store()
      .labelHistory(name, { limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.items.map((item) => item.reason)).toEqual(["to 3", "to 2"]);
    const third = await context
      .store()
      .labelHistory(name, { limit: 2, cursor: second.nextCursor ?? "" });
    expect(third.items.map((item) => item.reason)).toEqual(["to 1"]);
    expect(third.nextCursor).toBeNull();
  });
}
