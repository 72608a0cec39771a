import type { EvalResult } from "@quire/core";

/** One column of the results grid: a prompt version on a model. */
export interface GridColumn {
  key: string;
  promptId: string;
  modelId: string;
}

/** One cell: the results of a case on a column (several when the run repeats each case). */
export interface GridCell {
  status: "passed" | "failed" | "errored" | "mixed";
  results: EvalResult[];
}

export interface ResultsGrid {
  columns: GridColumn[];
  /** Case ids in the order their first result appears. */
  rows: string[];
  cell(caseId: string, columnKey: string): GridCell | undefined;
}

export function columnKeyOf(result: Pick<EvalResult, "promptId" | "modelId">): string {
  return `${result.promptId}\u0000${result.modelId}`;
}

/**
 * Cases × (prompt, model) from a run's results. Columns follow the plan's order when given
 * (prompts, then models), so the grid matches what was asked for; repeats share a cell, whose
 * status is theirs when they agree and "mixed" otherwise.
 */
export function resultsGrid(
  results: readonly EvalResult[],
  plan?: { prompts: readonly { id: string }[]; models: readonly string[] },
): ResultsGrid {
  const columns = new Map<string, GridColumn>();
  for (const prompt of plan?.prompts ?? []) {
    for (const modelId of plan?.models ?? []) {
      const key = columnKeyOf({ promptId: prompt.id, modelId });
      columns.set(key, { key, promptId: prompt.id, modelId });
    }
  }
  const rows: string[] = [];
  const seenRows = new Set<string>();
  const cells = new Map<string, EvalResult[]>();
  for (const result of results) {
    const key = columnKeyOf(result);
    if (!columns.has(key))
      columns.set(key, { key, promptId: result.promptId, modelId: result.modelId });
    if (!seenRows.has(result.caseId)) {
      seenRows.add(result.caseId);
      rows.push(result.caseId);
    }
    const cellKey = `${result.caseId}\u0000${key}`;
    const list = cells.get(cellKey) ?? [];
    list.push(result);
    cells.set(cellKey, list);
  }
  return {
    columns: [...columns.values()],
    rows,
    cell(caseId, columnKey) {
      const list = cells.get(`${caseId}\u0000${columnKey}`);
      if (list === undefined) return undefined;
      const statuses = new Set(list.map((result) => result.status));
      const [only] = statuses;
      return {
        status: statuses.size === 1 && only !== undefined ? only : "mixed",
        results: [...list].sort((left, right) => left.repeatIndex - right.repeatIndex),
      };
    },
  };
}

/** "87%" of a 0–1 rate; "—" when there is none. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}
