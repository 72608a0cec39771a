import type { CreatePromptRequest } from "@quire/core";

/** Prompts a new installation starts with, so the UI, CLI and API have something real to show. */
export const examplePrompts: CreatePromptRequest[] = [
  {
    name: "support/triage",
    description: "Classifies a customer support ticket by urgency and team, as JSON.",
    tags: ["support", "classification", "example"],
    type: "chat",
    engine: "handlebars",
    template: [
      {
        role: "system",
        content: [
          "You are the triage assistant of {{company}}'s support desk.",
          'Read the ticket and answer with JSON: {"urgency": "low"|"normal"|"high"|"critical", "team": one of {{#each teams}}"{{this}}"{{#unless @last}}, {{/unless}}{{/each}}, "summary": one sentence}.',
          "A ticket mentioning data loss, a security problem or a full outage is critical.",
        ].join("\n"),
      },
      {
        role: "user",
        content:
          "Customer tier: {{customer.tier}}\n{{#if customer.name}}Customer: {{customer.name}}\n{{/if}}Ticket:\n{{ticket}}",
      },
    ],
    inputSchema: {
      type: "object",
      properties: {
        company: { type: "string", default: "Acme" },
        teams: {
          type: "array",
          items: { type: "string" },
          default: ["billing", "technical", "account"],
        },
        customer: {
          type: "object",
          properties: {
            name: { type: "string" },
            tier: { type: "string", enum: ["free", "pro", "enterprise"], default: "free" },
          },
          default: { tier: "free" },
        },
        ticket: { type: "string", description: "The ticket text, as the customer wrote it" },
      },
      required: ["ticket"],
    },
    outputSchema: {
      type: "object",
      properties: {
        urgency: { type: "string", enum: ["low", "normal", "high", "critical"] },
        team: { type: "string" },
        summary: { type: "string" },
      },
      required: ["urgency", "team", "summary"],
    },
    config: { model: "gpt-4o-mini", temperature: 0 },
    metadata: { owner: "support-platform" },
    message: "Example prompt seeded on first start",
    labels: ["production"],
  },
  {
    name: "marketing/tagline",
    description: "Writes short taglines for a product, in a given tone.",
    tags: ["marketing", "generation", "example"],
    type: "text",
    engine: "handlebars",
    template: [
      "Write {{count}} taglines for {{product}}, a product for {{audience}}.",
      "Tone: {{tone}}. Each tagline has at most {{maxWords}} words.",
      "{{#if avoid}}Do not use these words: {{avoid}}.{{/if}}",
      "Answer with one tagline per line, nothing else.",
    ].join("\n"),
    inputSchema: {
      type: "object",
      properties: {
        product: { type: "string" },
        audience: { type: "string", default: "small teams" },
        tone: { type: "string", enum: ["playful", "confident", "calm"], default: "confident" },
        count: { type: "integer", minimum: 1, maximum: 10, default: 3 },
        maxWords: { type: "integer", minimum: 2, default: 8 },
        avoid: { type: "string" },
      },
      required: ["product"],
    },
    config: { model: "gpt-4o-mini", temperature: 0.9 },
    message: "Example prompt seeded on first start",
    labels: ["production", "staging"],
  },
  {
    name: "examples/few-shot-classifier",
    description: "Classifies a text into given categories, taught by a few labelled examples.",
    tags: ["classification", "few-shot", "example"],
    type: "text",
    engine: "handlebars",
    template: [
      "Classify the text into one of: {{#each categories}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.",
      "",
      "{{#each examples}}",
      "Text: {{text}}",
      "Category: {{category}}",
      "",
      "{{/each}}",
      "Text: {{input}}",
      "Category:",
    ].join("\n"),
    inputSchema: {
      type: "object",
      properties: {
        categories: { type: "array", items: { type: "string" }, minItems: 2 },
        examples: {
          type: "array",
          items: {
            type: "object",
            properties: { text: { type: "string" }, category: { type: "string" } },
            required: ["text", "category"],
          },
          default: [],
        },
        input: { type: "string" },
      },
      required: ["categories", "input"],
    },
    config: { model: "gpt-4o-mini", temperature: 0, maxTokens: 5 },
    message: "Example prompt seeded on first start",
  },
  {
    name: "examples/summarize",
    description: "Summarizes a document in a few bullet points (Jinja2 syntax).",
    tags: ["summarization", "example"],
    type: "text",
    engine: "jinja2",
    template: [
      "Summarize the following {{ kind }} in {{ bullets }} bullet points{% if audience %} for {{ audience }}{% endif %}.",
      "",
      "{{ document }}",
    ].join("\n"),
    inputSchema: {
      type: "object",
      properties: {
        document: { type: "string" },
        kind: { type: "string", default: "document" },
        bullets: { type: "integer", minimum: 1, maximum: 10, default: 3 },
        audience: { type: "string" },
      },
      required: ["document"],
    },
    config: { model: "gpt-4o-mini", temperature: 0.3 },
    message: "Example prompt seeded on first start",
    labels: ["production"],
  },
];
