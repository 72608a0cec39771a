import { z } from "zod";
import { roleSchema } from "./access.js";
import { isoTimeSchema } from "./common.js";

const emailSchema = z.email().max(320).describe("The user's email, compared without case");

export const loginRequestSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1).max(1_000),
    project: z.string().max(63).optional().describe('The project to work in (default "default")'),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });

export const loginResponseSchema = z.object({
  user: userSchema,
  projectId: z.string(),
  role: roleSchema,
  csrfToken: z
    .string()
    .describe("Send as the X-CSRF-Token header with every write made with the session cookie"),
  expiresAt: isoTimeSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const logoutResponseSchema = z.object({
  loggedOut: z.boolean().describe("false when the request carried no session (an API key)"),
});

export const meResponseSchema = z.object({
  kind: z.enum(["key", "user"]),
  name: z.string().describe("The key's name or the user's email"),
  projectId: z.string(),
  role: roleSchema,
  csrfToken: z.string().nullable().describe("The session's CSRF token; null for an API key"),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const setMemberRequestSchema = z
  .object({
    email: emailSchema,
    role: roleSchema,
    name: z.string().max(200).optional(),
    password: z
      .string()
      .min(12, { message: "A password needs at least 12 characters." })
      .max(1_000)
      .optional()
      .describe("Needed when the email has no user yet (the user is created)"),
  })
  .strict();
export type SetMemberRequest = z.infer<typeof setMemberRequestSchema>;

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  since: isoTimeSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const listMembersResponseSchema = z.object({ items: z.array(memberSchema) });
