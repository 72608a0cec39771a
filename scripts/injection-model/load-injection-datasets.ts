/**
 * The labelled injection sets of ../shared/datasets/injection (read at training and benchmark
 * time only; nothing here is copied into the repository). Each README there describes its set.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "./parse-csv.js";

export type InjectionSetName = "deepset" | "jackhhao" | "notinject";

export interface LabelledText {
  set: InjectionSetName;
  /** Row number within its set (file order). */
  row: number;
  text: string;
  /** 1 = injection or jailbreak, 0 = benign. */
  label: 0 | 1;
}

export const injectionSetNames: readonly InjectionSetName[] = ["deepset", "jackhhao", "notinject"];

/** `QUIRE_INJECTION_DATASETS`, else ../shared/datasets/injection beside the repository. */
export function injectionDatasetsFolder(environment = process.env): string {
  const configured = environment.QUIRE_INJECTION_DATASETS;
  if (configured !== undefined && configured !== "") return path.resolve(configured);
  return path.resolve(import.meta.dirname, "../../../shared/datasets/injection");
}

function deepset(folder: string): LabelledText[] {
  const file = path.join(folder, "deepset-prompt-injections", "prompt_injections.jsonl");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, row) => {
      const record = JSON.parse(line) as { text: string; label: number };
      return { set: "deepset", row, text: record.text, label: record.label === 1 ? 1 : 0 };
    });
}

function jackhhao(folder: string): LabelledText[] {
  const file = path.join(folder, "jackhhao-jailbreak-classification", "jailbreak_dataset_full.csv");
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  if (header?.[0] !== "prompt" || header[1] !== "type") {
    throw new Error(`${file}: expected the columns prompt,type; found ${header?.join(",")}`);
  }
  return rows.map((fields, row) => {
    const type = fields[1];
    if (type !== "jailbreak" && type !== "benign") {
      throw new Error(`${file}: row ${row + 2} has type ${JSON.stringify(type)}`);
    }
    return { set: "jackhhao", row, text: fields[0] ?? "", label: type === "jailbreak" ? 1 : 0 };
  });
}

function notinject(folder: string): LabelledText[] {
  const records: Array<{ prompt: string }> = [];
  for (const name of ["NotInject_one.json", "NotInject_two.json"]) {
    records.push(
      ...(JSON.parse(readFileSync(path.join(folder, "notinject", name), "utf8")) as Array<{
        prompt: string;
      }>),
    );
  }
  return records.map((record, row) => ({ set: "notinject", row, text: record.prompt, label: 0 }));
}

/** Every set, or an error saying where the sets were looked for and how to point elsewhere. */
export function loadInjectionDatasets(folder = injectionDatasetsFolder()): LabelledText[] {
  if (!existsSync(folder)) {
    throw new Error(
      `The injection data sets are not at ${folder}; set QUIRE_INJECTION_DATASETS to the folder holding deepset-prompt-injections, jackhhao-jailbreak-classification and notinject`,
    );
  }
  return [...deepset(folder), ...jackhhao(folder), ...notinject(folder)];
}
