import type { Dataset } from "@quire/core";
import type { AuditRule } from "../audit/audit-rule.js";

const testData =
  "test data, not configuration: a dataset's cases change often and each eval run keeps its own snapshot";
const runRecord = "the eval run itself records who started it (createdBy), its plan and its end";

/** How the dataset and eval-run writes reach the audit log (see `AuditRule`). */
export const evaluationAuditRules: Readonly<Record<string, AuditRule>> = {
  "POST /v1/datasets": {
    action: "dataset.create",
    describe: ({ response }) => {
      const dataset = response as Dataset;
      return {
        target: `dataset:${dataset.name}`,
        before: null,
        after: { description: dataset.description, caseCount: dataset.caseCount },
      };
    },
  },
  "PUT /v1/datasets/:name": {
    action: "dataset.update",
    describe: ({ response }) => {
      const dataset = response as Dataset;
      return {
        target: `dataset:${dataset.name}`,
        before: null,
        after: { description: dataset.description },
      };
    },
  },
  "DELETE /v1/datasets/:name": {
    action: "dataset.delete",
    describe: ({ params }) => ({ target: `dataset:${params.name}`, before: null, after: null }),
  },
  "POST /v1/datasets/:name/cases": { notAudited: testData },
  "PUT /v1/datasets/:name/cases": { notAudited: testData },
  "DELETE /v1/datasets/:name/cases/:caseId": { notAudited: testData },
  "POST /v1/datasets/:name/cases/from-execution": { notAudited: testData },
  "POST /v1/datasets/:name/import": { notAudited: testData },
  "POST /v1/eval-runs": { notAudited: runRecord },
  "POST /v1/eval-runs/:id/cancel": { notAudited: runRecord },
};
