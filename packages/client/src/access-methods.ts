import {
  type ApiKey,
  type AuditPage,
  type AuditQuery,
  apiKeySchema,
  auditPageSchema,
  type CreateApiKeyRequest,
  type CreatedApiKeyResponse,
  createdApiKeyResponseSchema,
  type ListApiKeysResponse,
  listApiKeysResponseSchema,
} from "@quire/core";
import type { Transport } from "./http-transport.js";

export interface AccessRequestOptions {
  signal?: AbortSignal;
}

/** The audit log's filters; `limit` defaults to the server's (50). */
export type AuditFilters = Partial<AuditQuery>;

/** Keys and the audit log of the caller's project (admin role). */
export interface AccessMethods {
  /** Creates a key; the answer's `key` is the secret, shown this once. */
  createApiKey(
    request: CreateApiKeyRequest,
    options?: AccessRequestOptions,
  ): Promise<CreatedApiKeyResponse>;
  /** The project's keys by prefix, with last use; never a secret. */
  listApiKeys(options?: AccessRequestOptions): Promise<ListApiKeysResponse>;
  /** Revokes a key on every server at once; revoking twice keeps the first time. */
  revokeApiKey(id: string, options?: AccessRequestOptions): Promise<ApiKey>;
  /** Revokes a personal key: the client's own key (`quire logout`), or one the signed-in user made. */
  revokePersonalKey(id: string, options?: AccessRequestOptions): Promise<ApiKey>;
  /** One page of the audit log, newest first; pass `nextCursor` as `cursor` for the next. */
  listAudit(filters?: AuditFilters, options?: AccessRequestOptions): Promise<AuditPage>;
}

export function createAccessMethods(send: Transport): AccessMethods {
  return {
    createApiKey: (request, options) =>
      send({
        method: "POST",
        path: "/v1/keys",
        body: request,
        schema: createdApiKeyResponseSchema,
        signal: options?.signal,
      }),
    listApiKeys: (options) =>
      send({
        method: "GET",
        path: "/v1/keys",
        schema: listApiKeysResponseSchema,
        signal: options?.signal,
      }),
    revokeApiKey: (id, options) =>
      send({
        method: "DELETE",
        path: `/v1/keys/${encodeURIComponent(id)}`,
        schema: apiKeySchema,
        signal: options?.signal,
      }),
    revokePersonalKey: (id, options) =>
      send({
        method: "DELETE",
        path: `/v1/me/keys/${encodeURIComponent(id)}`,
        schema: apiKeySchema,
        signal: options?.signal,
      }),
    listAudit: (filters = {}, options) =>
      send({
        method: "GET",
        path: "/v1/audit",
        query: { ...filters },
        schema: auditPageSchema,
        signal: options?.signal,
      }),
  };
}
