import {
  type SecurityScanRequest,
  type SecurityScanResponse,
  securityScan,
  securityScanRequestSchema,
  securityScanResponseSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";

const description = `Scans one text (\`text\`) or up to 100 (\`texts\`) with the checks asked for:

- **injection** (default): prompt injection and jailbreak — a score 0–1, \`flagged\` at the sensitivity's threshold (low 0.7, medium 0.5, high 0.3, or an explicit \`threshold\`) and the \`reasons\` found, each with its category, rule, evidence and location (UTF-16 offsets);
- **secrets**, **pii**, **canary**: output checks — API keys, private keys and passwords; e-mail, phone, card (Luhn), IBAN (mod-97), US SSN and IP addresses; leaked canary tokens (given in \`canaries\`). With \`redact: true\` each result also holds the text with those findings replaced by \`[REDACTED:type]\`.

A result is \`flagged\` when any check asked for found something. Nothing is stored. The work is linear in the text; the body limit bounds it.`;

/** Runs the checks on each text (pure: no store, no model call). */
export function scanTexts(request: SecurityScanRequest): SecurityScanResponse {
  const texts = request.texts ?? [request.text ?? ""];
  const results = texts.map((text) =>
    securityScan(text, {
      ...(request.checks === undefined ? {} : { checks: request.checks }),
      ...(request.sensitivity === undefined ? {} : { sensitivity: request.sensitivity }),
      ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
      ...(request.canaries === undefined ? {} : { canaries: request.canaries }),
      ...(request.redact === undefined ? {} : { redact: request.redact }),
    }),
  );
  return { flagged: results.some((result) => result.flagged), results };
}

export function registerSecurityRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/v1/security/scan",
    {
      schema: {
        tags: ["security"],
        summary: "Scan text for prompt injection, secrets, personal data and leaked canaries",
        description,
        security: secured,
        body: securityScanRequestSchema,
        response: { 200: securityScanResponseSchema, ...errorResponses },
      },
    },
    async (request) => scanTexts(request.body),
  );
}
