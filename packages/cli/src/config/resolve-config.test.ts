import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { modelInfo, QuireError } from "@quire/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { UsageError } from "../usage-error.js";
import { parseConfigText } from "./load-config-file.js";
import { resolveApiKey } from "./resolve-api-key.js";
import { resolveConfig } from "./resolve-config.js";

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "quire-config-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function writeConfig(text: string, folder = directory): void {
  writeFileSync(path.join(folder, "quire.toml"), text);
}

function errorOf(run: () => unknown): QuireError {
  try {
    run();
  } catch (error) {
    if (error instanceof QuireError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("resolveConfig", () => {
  test("without quire.toml every setting has its default", () => {
    const config = resolveConfig({}, {}, directory);
    expect(config.file).toBeUndefined();
    expect(config.url).toBe("http://127.0.0.1:4141");
    expect(config.port).toBe(4141);
    expect(config.dataDirectory).toBe(path.join(directory, ".quire"));
    expect(config.promptsDirectory).toBe(path.join(directory, "prompts"));
    expect(config.apiKey).toBeUndefined();
  });

  test("quire.toml is found from a subfolder and its paths are relative to its own folder", () => {
    writeConfig(
      '[server]\nport = 5000\ndataDir = "state"\n[project]\npromptsDir = "src/prompts"\n',
    );
    const nested = path.join(directory, "a", "b");
    mkdirSync(nested, { recursive: true });
    const config = resolveConfig({}, {}, nested);
    expect(config.file?.path).toBe(path.join(directory, "quire.toml"));
    expect(config.url).toBe("http://127.0.0.1:5000");
    expect(config.dataDirectory).toBe(path.join(directory, "state"));
    expect(config.promptsDirectory).toBe(path.join(directory, "src", "prompts"));
  });

  test("environment variables override quire.toml and flags override both", () => {
    writeConfig('[server]\nurl = "http://file:1"\nport = 5000\ndataDir = "from-file"\n');
    const environment = {
      QUIRE_URL: "http://env:2",
      QUIRE_PORT: "6000",
      QUIRE_DATA_DIR: "from-env",
      QUIRE_API_KEY: "env-key",
      QUIRE_DATABASE_URL: "postgres://localhost/quire",
    };
    const fromEnvironment = resolveConfig({}, environment, directory);
    expect(fromEnvironment.url).toBe("http://env:2");
    expect(fromEnvironment.port).toBe(6000);
    expect(fromEnvironment.dataDirectory).toBe(path.join(directory, "from-env"));
    expect(fromEnvironment.apiKey).toEqual({ value: "env-key", source: "QUIRE_API_KEY" });
    expect(fromEnvironment.databaseUrl).toBe("postgres://localhost/quire");

    const fromFlags = resolveConfig(
      { url: "http://flag:3", port: "7000", data: "from-flag", apiKey: "flag-key" },
      environment,
      directory,
    );
    expect(fromFlags.url).toBe("http://flag:3");
    expect(fromFlags.port).toBe(7000);
    expect(fromFlags.dataDirectory).toBe(path.join(directory, "from-flag"));
    expect(fromFlags.apiKey).toEqual({ value: "flag-key", source: "--api-key" });
  });

  test("a port set without a url moves the url the CLI uses", () => {
    expect(resolveConfig({}, { QUIRE_PORT: "4999" }, directory).url).toBe("http://127.0.0.1:4999");
    expect(resolveConfig({ host: "0.0.0.0" }, {}, directory).url).toBe("http://127.0.0.1:4141");
    expect(resolveConfig({}, { QUIRE_HOST: "::1" }, directory).url).toBe("http://[::1]:4141");
  });

  test("a bad value in the environment or a flag is named with what was given", () => {
    expect(errorOf(() => resolveConfig({}, { QUIRE_PORT: "abc" }, directory)).message).toBe(
      'QUIRE_PORT must be an integer from 1 to 65535, got "abc"',
    );
    const flagError = errorOf(() => resolveConfig({ port: "0" }, {}, directory));
    expect(flagError).toBeInstanceOf(UsageError);
    expect(flagError.message).toBe('--port must be an integer from 1 to 65535, got "0"');
    expect(
      errorOf(() => resolveConfig({}, { QUIRE_URL: "localhost:4141" }, directory)).message,
    ).toMatch(/^QUIRE_URL must be an http:\/\/ or https:\/\/ URL/);
  });

  test("a database URL in the environment is checked without echoing it", () => {
    const error = errorOf(() =>
      resolveConfig({}, { QUIRE_DATABASE_URL: "mysql://u:secret@h/db" }, directory),
    );
    expect(error.message).toContain("QUIRE_DATABASE_URL must be a PostgreSQL connection URL");
    expect(error.message).not.toContain("secret");
  });

  test("--config points at a file that does not exist", () => {
    expect(errorOf(() => resolveConfig({ config: "missing.toml" }, {}, directory)).message).toMatch(
      /^Cannot read missing\.toml/,
    );
  });
});

describe("quire.toml validation", () => {
  test("a bad value is reported by key and file, with the value given", () => {
    writeConfig('[server]\nport = "abc"\n');
    const error = errorOf(() => resolveConfig({}, {}, directory));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toBe(
      'quire.toml: server.port must be an integer from 1 to 65535, got "abc"',
    );
  });

  test("an unknown key lists the known ones and suggests the closest", () => {
    expect(errorOf(() => parseConfigText("[servr]\nport = 1\n", "quire.toml")).message).toBe(
      'unknown key "servr" in quire.toml (known: server, cache, evaluation, render, project, executions, models, providers, tools, toolCalls); did you mean "server"?',
    );
    expect(errorOf(() => parseConfigText("[server]\nprot = 1\n", "quire.toml")).message).toBe(
      'unknown key "prot" in [server] of quire.toml (known: url, host, port, dataDir, databaseUrl, corsOrigins, rateLimitPerKeyPerMinute, failedAuthPerAddressPerMinute); did you mean "port"?',
    );
  });

  test("[cache] and the server's CORS and rate limits are checked with their place", () => {
    writeConfig(
      '[server]\ncorsOrigins = ["https://ui.example/app"]\n\n[cache]\nsemanticModel = "embed"\nsemanticThreshold = 2\nttlSeconds = 600\n',
    );
    const lines = errorOf(() => resolveConfig({}, {}, directory))
      .message.split("\n")
      .sort();
    expect(lines).toEqual([
      expect.stringContaining('cache.semanticModel must be "provider/model"'),
      expect.stringContaining("cache.semanticThreshold must be a cosine similarity"),
      expect.stringContaining("server.corsOrigins.0 must be a scheme and host without a path"),
    ]);
    writeConfig('[cache]\nsemanticModel = "local/embed"\nttlSeconds = 0\n');
    expect(resolveConfig({}, {}, directory).file?.values.cache).toEqual({
      semanticModel: "local/embed",
      ttlSeconds: 0,
    });
  });

  test("[executions] storeContent is a switch", () => {
    writeConfig("[executions]\nstoreContent = false\n");
    expect(resolveConfig({}, {}, directory).file?.values.executions).toEqual({
      storeContent: false,
    });
    expect(
      errorOf(() => parseConfigText('[executions]\nstoreContent = "no"\n', "quire.toml")).message,
    ).toBe('quire.toml: executions.storeContent must be true or false, got "no"');
  });

  test("every problem is reported at once", () => {
    const error = errorOf(() =>
      parseConfigText('zzz = 1\n[server]\nport = 70000\nurl = "ftp://x"\n', "quire.toml"),
    );
    expect(error.message.split("\n").sort()).toEqual(
      [
        'unknown key "zzz" in quire.toml (known: server, cache, evaluation, render, project, executions, models, providers, tools, toolCalls)',
        'quire.toml: server.url must be an http:// or https:// URL, like "http://127.0.0.1:4141", got "ftp://x"',
        "quire.toml: server.port must be an integer from 1 to 65535, got 70000",
      ].sort(),
    );
    expect((error.details.problems as unknown[]).length).toBe(3);
  });

  test("a table given as a value is reported as such", () => {
    expect(errorOf(() => parseConfigText("server = 3\n", "quire.toml")).message).toBe(
      "quire.toml: server must be a table, got 3",
    );
  });

  test("a TOML syntax error gives line and column", () => {
    const error = errorOf(() => parseConfigText("[server]\nport = \n", "conf/quire.toml"));
    expect(error.message).toMatch(/^conf\/quire\.toml:2:8: TOML syntax error: /);
    expect(error.details).toMatchObject({ line: 2, column: 8 });
  });
});

describe("[models] in quire.toml", () => {
  const models = (text: string) => resolveConfigFrom(text).models;
  const resolveConfigFrom = (text: string) => {
    writeConfig(text);
    return resolveConfig({}, {}, directory);
  };

  test("changes a built-in model and adds a new one, estimates flagged by family", () => {
    const config = resolveConfigFrom(
      [
        '[models."gpt-4o"]',
        "price = { input = 1, output = 2, cachedInput = 0.5 }",
        "",
        "[models.acme-large]",
        "contextWindow = 32000",
        "maxOutputTokens = 4000",
        'estimate = "meta"',
        "estimateFactor = 1.3",
        "",
        '[models."acme-exact"]',
        "contextWindow = 8000",
        "maxOutputTokens = 1000",
        'encoding = "cl100k_base"',
        "",
      ].join("\n"),
    );
    expect(modelInfo("gpt-4o-2024-08-06", config.models)).toMatchObject({
      contextWindow: 128_000,
      price: { input: 1, output: 2, cachedInput: 0.5 },
    });
    expect(modelInfo("acme-large", config.models)).toMatchObject({
      contextWindow: 32_000,
      maxOutputTokens: 4000,
      tokenizer: { estimate: "meta", factor: 1.3 },
    });
    expect(config.modelOverrides["acme-exact"]).toEqual({
      contextWindow: 8000,
      maxOutputTokens: 1000,
      tokenizer: { encoding: "cl100k_base" },
    });
    expect(modelInfo("gpt-4o", models(""))?.price?.input).toBe(2.5);
  });

  test("a bad value is reported by key with its line and column", () => {
    const error = errorOf(() =>
      parseConfigText(
        '[server]\nport = 1\n\n[models."acme"]\ncontextWindow = -5\nmaxOutputTokens = 10\n',
        "quire.toml",
      ),
    );
    expect(error.message).toBe(
      "quire.toml:5:1: models.acme.contextWindow must be a whole number of tokens (0 or more), got -5",
    );
    expect(error.details.problems).toEqual([
      expect.objectContaining({ key: "models.acme.contextWindow", line: 5, column: 1 }),
    ]);
  });

  test("an unknown key, also inside an inline table, gets did-you-mean and a location", () => {
    expect(
      errorOf(() => parseConfigText('[models."gpt-4.1"]\n  contextWindw = 5\n', "quire.toml"))
        .message,
    ).toBe(
      'quire.toml:2:3: unknown key "contextWindw" in [models.gpt-4.1] of quire.toml (known: provider, aliases, contextWindow, maxOutputTokens, price, encoding, estimate, estimateFactor); did you mean "contextWindow"?',
    );
    expect(
      errorOf(() =>
        parseConfigText('[models."gpt-4o"]\nprice = { input = 1, outptu = 2 }\n', "quire.toml"),
      )
        .message.split("\n")
        .sort(),
    ).toEqual([
      "quire.toml:2:1: models.gpt-4o.price.output must be a number of US dollars per million tokens (0 or more), got nothing",
      'quire.toml:2:22: unknown key "outptu" in [models.gpt-4o.price] of quire.toml (known: input, output, cachedInput); did you mean "output"?',
    ]);
  });

  test("a new model must give its limits; a misspelt built-in name is suggested", () => {
    expect(
      errorOf(() => parseConfigText('[models."gpt-4o-mnii"]\nmaxOutputTokens = 5\n', "quire.toml"))
        .message,
    ).toBe(
      'quire.toml:1:1: models.gpt-4o-mnii.contextWindow is required for a model that is not built in; did you mean the built-in "gpt-4o-mini"?, got nothing',
    );
  });

  test("a count is exact or an estimate, not both; a factor needs its family", () => {
    const error = errorOf(() =>
      parseConfigText(
        '[models."gpt-4o"]\nencoding = "o200k_base"\nestimate = "google"\n[models.x]\ncontextWindow = 1\nmaxOutputTokens = 1\nestimateFactor = 2\nestimate2 = 1\n',
        "quire.toml",
      ),
    );
    expect(error.message).toContain(
      "quire.toml:3:1: models.gpt-4o.estimate cannot be given with encoding",
    );
    expect(error.message).toContain("quire.toml:7:1: models.x.estimateFactor needs estimate");
    expect(error.message).toContain('did you mean "estimate"?');
  });

  test("an unknown family or encoding names the allowed ones", () => {
    const error = errorOf(() =>
      parseConfigText('[models."gpt-4o"]\nencoding = "p50k"\n', "quire.toml"),
    );
    expect(error.message).toBe(
      'quire.toml:2:1: models.gpt-4o.encoding must be "o200k_base" or "cl100k_base", got "p50k"',
    );
  });
});

describe("quire.toml errors (continued)", () => {
  test("a TOML syntax error in a models table still gives line and column", () => {
    const error = errorOf(() => parseConfigText("[server]\nport = \n", "conf/quire.toml"));
    expect(error.message).toMatch(/^conf\/quire\.toml:2:8: TOML syntax error: /);
    expect(error.details).toMatchObject({ line: 2, column: 8 });
  });

  test("any integer port is accepted exactly when it is from 1 to 65535", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (port) => {
        const valid = port >= 1 && port <= 65_535;
        const text = `[server]\nport = ${port}\n`;
        if (valid) expect(parseConfigText(text, "quire.toml").server?.port).toBe(port);
        else expect(() => parseConfigText(text, "quire.toml")).toThrow(`got ${port}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("resolveApiKey", () => {
  test("--api-key, then QUIRE_API_KEY, then <data dir>/admin.key", () => {
    mkdirSync(path.join(directory, ".quire"));
    writeFileSync(path.join(directory, ".quire", "admin.key"), "file-key\n");
    expect(resolveApiKey(resolveConfig({}, {}, directory), directory)).toBe("file-key");
    expect(
      resolveApiKey(resolveConfig({}, { QUIRE_API_KEY: "env-key" }, directory), directory),
    ).toBe("env-key");
    expect(
      resolveApiKey(
        resolveConfig({ apiKey: "flag-key" }, { QUIRE_API_KEY: "env-key" }, directory),
        directory,
      ),
    ).toBe("flag-key");
  });

  test("a missing key names all three ways to give one", () => {
    const error = errorOf(() => resolveApiKey(resolveConfig({}, {}, directory), directory));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toContain("--api-key");
    expect(error.message).toContain("QUIRE_API_KEY");
    expect(error.message).toContain(path.join(".quire", "admin.key"));
    expect(error.message).toContain("does not exist");
  });
});
