import {
  type CaseFromExecutionRequest,
  type Dataset,
  type DatasetCase,
  type DatasetFormat,
  type ImportDatasetResponse,
  parseDataset,
  QuireError,
  serializeDataset,
  type TestCase,
} from "@quire/core";
import type { EvaluationStore, ExecutionStore, Page, PageRequest } from "@quire/store";
import { caseFromExecution } from "./case-from-execution.js";

/** Datasets and their cases behind the HTTP routes; every write goes through here. */
export class DatasetService {
  constructor(
    private readonly store: EvaluationStore,
    private readonly executions: ExecutionStore,
  ) {}

  create(
    projectId: string,
    request: { name: string; description?: string | undefined; cases?: TestCase[] | undefined },
    actor: string,
  ): Promise<Dataset> {
    return this.store.createDataset(projectId, { ...request, createdBy: actor });
  }

  list(projectId: string, page: PageRequest): Promise<Page<Dataset>> {
    return this.store.listDatasets(projectId, page);
  }

  async get(projectId: string, name: string): Promise<Dataset> {
    const dataset = await this.store.getDataset(projectId, name);
    if (dataset === undefined) throw datasetNotFound(name);
    return dataset;
  }

  update(projectId: string, name: string, description: string): Promise<Dataset> {
    return this.store.updateDataset(projectId, name, { description });
  }

  /** Answers the dataset as it was. */
  async delete(projectId: string, name: string): Promise<Dataset> {
    const dataset = await this.get(projectId, name);
    if (!(await this.store.deleteDataset(projectId, name))) throw datasetNotFound(name);
    return dataset;
  }

  listCases(projectId: string, name: string, page: PageRequest): Promise<Page<DatasetCase>> {
    return this.store.listCases(projectId, name, page);
  }

  addCases(projectId: string, name: string, cases: readonly TestCase[]): Promise<DatasetCase[]> {
    return this.store.addCases(projectId, name, cases);
  }

  replaceCases(projectId: string, name: string, cases: readonly TestCase[]) {
    return this.store.replaceCases(projectId, name, cases);
  }

  /** Answers the case as it was. */
  async deleteCase(projectId: string, name: string, caseId: string): Promise<DatasetCase> {
    const found = (await this.store.allCases(projectId, name)).find((one) => one.id === caseId);
    if (found === undefined || !(await this.store.deleteCase(projectId, name, caseId))) {
      throw new QuireError(
        "NOT_FOUND",
        `Dataset "${name}" has no case "${caseId}": list its cases with GET /v1/datasets/{name}/cases.`,
        { details: { dataset: name, caseId } },
      );
    }
    return found;
  }

  /**
   * Parses the whole file first (a bad row is VALIDATION_FAILED naming its row and column, and
   * nothing is stored), then appends its cases in one transaction.
   */
  async import(
    projectId: string,
    name: string,
    text: string,
    format: DatasetFormat,
  ): Promise<ImportDatasetResponse> {
    await this.get(projectId, name);
    const cases = parseDataset(text, { format, source: `the ${format} body` });
    const stored = await this.store.addCases(projectId, name, cases);
    const dataset = await this.get(projectId, name);
    return { dataset: name, imported: stored.length, caseCount: dataset.caseCount };
  }

  async export(projectId: string, name: string, format: DatasetFormat): Promise<string> {
    const cases = await this.store.allCases(projectId, name);
    return serializeDataset(
      cases.map(({ position: _position, ...testCase }) => testCase),
      format,
    );
  }

  /** Saves a logged execution as a case; see `caseFromExecution` for what is kept. */
  async addFromExecution(
    projectId: string,
    name: string,
    request: CaseFromExecutionRequest,
  ): Promise<DatasetCase> {
    const execution = await this.executions.getExecution(request.executionId);
    if (execution === undefined) {
      throw new QuireError(
        "NOT_FOUND",
        `No execution with id "${request.executionId}": find it with GET /v1/executions.`,
        { details: { executionId: request.executionId } },
      );
    }
    const [stored] = await this.store.addCases(projectId, name, [
      caseFromExecution(execution, request.caseId),
    ]);
    if (stored === undefined) throw new QuireError("INTERNAL", "The case was not stored.");
    return stored;
  }
}

export function datasetNotFound(name: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `No dataset named "${name}": list them with GET /v1/datasets, or create it with POST /v1/datasets.`,
    { details: { dataset: name } },
  );
}
