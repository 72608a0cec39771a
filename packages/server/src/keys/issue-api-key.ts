import { QuireError, type Role } from "@quire/core";
import type { AccessKeyRecord, AccessStore } from "@quire/store";
import { displayPrefix, generateApiKey, hashApiKey } from "../auth/api-key.js";
import { actorName, type Principal } from "../auth/principal.js";

export interface IssueApiKeyRequest {
  name: string;
  role: Role;
  expiresAt?: string | undefined;
}

/**
 * Makes a key in the caller's project and answers its record with the secret, which exists only
 * in this answer (the store keeps its SHA-256). Shared by `POST /v1/keys` and `POST /v1/me/keys`.
 */
export async function issueApiKey(
  access: AccessStore,
  caller: Principal,
  request: IssueApiKeyRequest,
): Promise<AccessKeyRecord & { key: string }> {
  const { expiresAt } = request;
  if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `expiresAt ${expiresAt} is not in the future: give a later time or leave it out.`,
      { details: { field: "expiresAt", expiresAt } },
    );
  }
  const key = generateApiKey();
  const record = await access.createKey(
    {
      projectId: caller.projectId,
      name: request.name,
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
      role: request.role,
      expiresAt: expiresAt ?? null,
      createdBy: caller.name,
    },
    actorName(caller),
  );
  return { ...record, key };
}
