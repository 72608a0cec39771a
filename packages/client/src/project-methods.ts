import {
  type CreatedProjectResponse,
  type CreateProjectRequest,
  createdProjectResponseSchema,
  type ListProjectsResponse,
  type ListProvidersResponse,
  listMembersResponseSchema,
  listProjectsResponseSchema,
  listProvidersResponseSchema,
  type Member,
  memberSchema,
  type ProjectSettings,
  projectSettingsSchema,
  type SetMemberRequest,
  type UpdateProjectSettingsRequest,
} from "@quire/core";
import type { AccessRequestOptions } from "./access-methods.js";
import type { Transport } from "./http-transport.js";

/** `GET /v1/members`: the project's members. */
export interface ListMembersResponse {
  items: Member[];
}

/** The caller's project: its members and roles, its settings, and the server's providers. */
export interface ProjectMethods {
  /** The project's members and their roles (admin). */
  listMembers(options?: AccessRequestOptions): Promise<ListMembersResponse>;
  /** Adds a member or changes a member's role (admin); a new email needs a password. */
  setMember(request: SetMemberRequest, options?: AccessRequestOptions): Promise<Member>;
  /** The project's name, protected labels and two-person rule (any member). */
  getSettings(options?: AccessRequestOptions): Promise<ProjectSettings>;
  /** Changes the project's settings (admin). */
  updateSettings(
    request: UpdateProjectSettingsRequest,
    options?: AccessRequestOptions,
  ): Promise<ProjectSettings>;
  /** The configured model providers and whether their keys are set, never the keys. */
  listProviders(options?: AccessRequestOptions): Promise<ListProvidersResponse>;
  /** The projects the caller can see: a key's own, a signed-in user's memberships. */
  listProjects(options?: AccessRequestOptions): Promise<ListProjectsResponse>;
  /**
   * Creates a project (an admin of any project may); the answer's `adminKey.key` is the new
   * project's first admin key, shown this once. CONFLICT when the id is taken.
   */
  createProject(
    request: CreateProjectRequest,
    options?: AccessRequestOptions,
  ): Promise<CreatedProjectResponse>;
}

export function createProjectMethods(send: Transport): ProjectMethods {
  return {
    listMembers: (options) =>
      send({
        method: "GET",
        path: "/v1/members",
        schema: listMembersResponseSchema,
        signal: options?.signal,
      }),
    setMember: (request, options) =>
      send({
        method: "PUT",
        path: "/v1/members",
        body: request,
        schema: memberSchema,
        signal: options?.signal,
      }),
    getSettings: (options) =>
      send({
        method: "GET",
        path: "/v1/settings",
        schema: projectSettingsSchema,
        signal: options?.signal,
      }),
    updateSettings: (request, options) =>
      send({
        method: "PUT",
        path: "/v1/settings",
        body: request,
        schema: projectSettingsSchema,
        signal: options?.signal,
      }),
    listProviders: (options) =>
      send({
        method: "GET",
        path: "/v1/providers",
        schema: listProvidersResponseSchema,
        signal: options?.signal,
      }),
    listProjects: (options) =>
      send({
        method: "GET",
        path: "/v1/projects",
        schema: listProjectsResponseSchema,
        signal: options?.signal,
      }),
    createProject: (request, options) =>
      send({
        method: "POST",
        path: "/v1/projects",
        body: request,
        schema: createdProjectResponseSchema,
        signal: options?.signal,
      }),
  };
}
