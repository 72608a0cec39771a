import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  QuireError,
  type SecurityCheck,
  type SecurityScanResult,
  type Sensitivity,
  securityChecks,
  securityScan,
  sensitivities,
} from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { formatScanReport } from "./scan-report.js";

interface ScanFlags {
  json?: boolean;
  sensitivity?: string;
  threshold?: string;
  checks?: string;
  canary?: string[];
  redact?: boolean;
}

interface ScanInput {
  /** The file name as given, or "text" for text given on the command line. */
  name: string;
  text: string;
}

function inputOf(argument: string, workingDirectory: string): ScanInput {
  const file = path.resolve(workingDirectory, argument);
  if (existsSync(file) && statSync(file).isFile()) {
    return { name: argument, text: readFileSync(file, "utf8") };
  }
  return { name: "text", text: argument };
}

function parseChecks(option: string | undefined): SecurityCheck[] | undefined {
  if (option === undefined) return undefined;
  const checks = option
    .split(",")
    .map((check) => check.trim())
    .filter((check) => check !== "");
  const unknown = checks.filter((check) => !(securityChecks as readonly string[]).includes(check));
  if (checks.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--checks takes a comma-separated list of ${securityChecks.join(", ")}; got ${JSON.stringify(option)}`,
      { option: "--checks" },
    );
  }
  return checks as SecurityCheck[];
}

function parseSensitivity(option: string | undefined): Sensitivity | undefined {
  if (option === undefined) return undefined;
  if (!(sensitivities as readonly string[]).includes(option)) {
    throw new UsageError(
      `--sensitivity must be one of ${sensitivities.join(", ")}, got ${JSON.stringify(option)}`,
      {
        option: "--sensitivity",
      },
    );
  }
  return option as Sensitivity;
}

function parseThreshold(option: string | undefined): number | undefined {
  if (option === undefined) return undefined;
  const threshold = Number(option);
  if (option.trim() === "" || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new UsageError(
      `--threshold must be a number from 0 to 1, got ${JSON.stringify(option)}`,
      {
        option: "--threshold",
      },
    );
  }
  return threshold;
}

/**
 * `quire scan FILE|TEXT…`: scans locally (no server) for prompt injection, and with --checks for
 * secrets, personal data and leaked canaries. Exit code 1 when anything is flagged, so it can
 * gate a CI step.
 */
export function registerScanCommand(program: Command, context: CliContext): void {
  program
    .command("scan")
    .summary("scan text or files for prompt injection, secrets and personal data")
    .description(
      "scan each argument — a file when one exists by that name, else the text itself — for prompt injection (a score 0–1 with the evidence and where it is), and with --checks also for secrets, personal data and leaked canary tokens. Runs locally, no server needed. Exits with 1 when anything is flagged.",
    )
    .argument("<inputs...>", "files to scan, or text to scan")
    .option(
      "--checks <list>",
      `what to look for, comma-separated: ${securityChecks.join(", ")} (default: injection)`,
    )
    .option(
      "--sensitivity <level>",
      `injection flag threshold: ${sensitivities.join(", ")} (default medium)`,
    )
    .option("--threshold <score>", "an explicit injection flag threshold from 0 to 1")
    .option(
      "--canary <token>",
      "a canary token to look for (repeatable; needed by the canary check)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      "--redact",
      "also print each input with the secrets, personal data and canaries redacted",
    )
    .option("--json", "print the results as JSON")
    .action((inputs: string[], flags: ScanFlags) => {
      const checks = parseChecks(flags.checks);
      const sensitivity = parseSensitivity(flags.sensitivity);
      const threshold = parseThreshold(flags.threshold);
      const canaries = flags.canary ?? [];
      if (checks?.includes("canary") && canaries.length === 0) {
        throw new UsageError("the canary check needs the token to look for: add --canary <token>", {
          option: "--canary",
        });
      }
      const scanned: Array<ScanInput & { result: SecurityScanResult }> = inputs.map((argument) => {
        const input = inputOf(argument, context.workingDirectory);
        const result = securityScan(input.text, {
          ...(checks === undefined ? {} : { checks }),
          ...(sensitivity === undefined ? {} : { sensitivity }),
          ...(threshold === undefined ? {} : { threshold }),
          canaries,
          redact: flags.redact === true,
        });
        return { ...input, result };
      });
      if (flags.json) {
        printJson(
          context.stdout,
          scanned.map(({ name, result }) => ({ input: name, ...result })),
        );
      } else {
        for (const { name, text, result } of scanned) {
          context.stdout.write(formatScanReport(name, text, result, context.colors));
          if (result.redactedText !== undefined) context.stdout.write(`${result.redactedText}\n`);
        }
      }
      const flagged = scanned.filter(({ result }) => result.flagged);
      if (flagged.length > 0) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `flagged: ${flagged.map(({ name }) => name).join(", ")} (${flagged.length} of ${scanned.length} scanned)`,
          { details: { flagged: flagged.map(({ name }) => name) } },
        );
      }
    });
}
