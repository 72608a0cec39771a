/**
 * Child process of the crash test: opens the embedded store in the folder given as argument and
 * creates versions in a loop, printing `ack <number> <template>` after each one committed.
 * The test kills it with SIGKILL at some point and checks that every acknowledged version is
 * there when the folder is opened again.
 */
import { createHash } from "node:crypto";
import { canonicalJson, type PromptContent } from "@quire/core";
import { openStore } from "../../src/index.js";

const dataDirectory = process.argv[2];
if (dataDirectory === undefined)
  throw new Error("usage: write-versions-until-killed.ts <data directory>");
const round = process.argv[3] ?? "1";
const name = "crash/recovery";

function content(template: string): { content: PromptContent; contentHash: string } {
  const value: PromptContent = {
    type: "text",
    engine: "handlebars",
    template,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: { round },
  };
  return {
    content: value,
    contentHash: createHash("sha256").update(canonicalJson(value)).digest("hex"),
  };
}

const store = await openStore({ dataDirectory });
if ((await store.getPrompt(name)) === undefined) {
  await store.createPrompt({
    name,
    description: "written until killed",
    tags: [],
    ...content("first"),
    provenance: { message: "first", author: "crash-test" },
    labels: [],
  });
}
process.stdout.write("ready\n");
for (let index = 0; ; index += 1) {
  const template = `round ${round} write ${index}`;
  const { version } = await store.createVersion({
    name,
    ...content(template),
    provenance: { message: template, author: "crash-test" },
    labels: ["production"],
  });
  process.stdout.write(`ack ${version.number} ${template}\n`);
}
