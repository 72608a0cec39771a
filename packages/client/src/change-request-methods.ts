import {
  type ChangeRequest,
  changeRequestSchema,
  type VersionDiff,
  versionDiffSchema,
} from "@quire/core";
import { z } from "zod";
import type { AccessRequestOptions } from "./access-methods.js";
import type { Transport } from "./http-transport.js";

export type ChangeRequestStatus = ChangeRequest["status"];

/** A change request with the diff from the label's version to the one asked for. */
export type ChangeRequestWithDiff = ChangeRequest & { diff: VersionDiff | null };

const changeRequestListSchema = z.object({ items: z.array(changeRequestSchema) });
const changeRequestWithDiffSchema = changeRequestSchema.extend({
  diff: versionDiffSchema.nullable(),
});

/**
 * The two-person rule's change requests: a protected label moved under it opens one (the client's
 * `moveLabel` answers `pending-approval`); another publisher approves it (which moves the label)
 * or rejects it.
 */
export interface ChangeRequestMethods {
  listChangeRequests(
    filter?: { status?: ChangeRequestStatus },
    options?: AccessRequestOptions,
  ): Promise<{ items: ChangeRequest[] }>;
  getChangeRequest(id: string, options?: AccessRequestOptions): Promise<ChangeRequestWithDiff>;
  /** Moves the label as asked (a publisher other than its author). */
  approveChangeRequest(id: string, options?: AccessRequestOptions): Promise<ChangeRequest>;
  rejectChangeRequest(id: string, options?: AccessRequestOptions): Promise<ChangeRequest>;
}

export function createChangeRequestMethods(send: Transport): ChangeRequestMethods {
  const path = (id: string, action?: string) =>
    `/v1/change-requests/${encodeURIComponent(id)}${action === undefined ? "" : `/${action}`}`;
  return {
    listChangeRequests: (filter = {}, options) =>
      send({
        method: "GET",
        path: "/v1/change-requests",
        query: { status: filter.status },
        schema: changeRequestListSchema,
        signal: options?.signal,
      }),
    getChangeRequest: (id, options) =>
      send({
        method: "GET",
        path: path(id),
        schema: changeRequestWithDiffSchema,
        signal: options?.signal,
      }),
    approveChangeRequest: (id, options) =>
      send({
        method: "POST",
        path: path(id, "approve"),
        schema: changeRequestSchema,
        signal: options?.signal,
      }),
    rejectChangeRequest: (id, options) =>
      send({
        method: "POST",
        path: path(id, "reject"),
        schema: changeRequestSchema,
        signal: options?.signal,
      }),
  };
}
