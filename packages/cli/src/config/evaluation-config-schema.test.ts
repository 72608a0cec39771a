import { describe, expect, test } from "vitest";
import { refusalOf } from "../../test/config-refusal.js";
import { parseConfigText } from "./load-config-file.js";

const problemsOf = refusalOf;

describe("[evaluation] in quire.toml", () => {
  test("gives the server's eval worker and embedding model", () => {
    const config = parseConfigText(
      '[evaluation]\nembeddingModel = "local/embed"\nconcurrency = 0\nleaseSeconds = 60\npollIntervalMs = 250\n',
      "quire.toml",
    );
    expect(config.evaluation).toEqual({
      embeddingModel: "local/embed",
      concurrency: 0,
      leaseSeconds: 60,
      pollIntervalMs: 250,
    });
  });

  test("names the key and the range of a bad value, and a misspelt key", () => {
    expect(problemsOf("[evaluation]\nleaseSeconds = 1\n")).toContain(
      "must be a whole number of seconds from 5 to 3600",
    );
    expect(problemsOf('[evaluation]\nembeddingModel = "embed"\n')).toContain('"provider/model"');
    expect(problemsOf("[evaluation]\nconcurency = 2\n")).toMatch(/concurency.*concurrency/s);
  });
});
