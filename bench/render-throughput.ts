/**
 * Render throughput of one realistic compiled template: Quire's core against the raw engines,
 * LangChain's PromptTemplate, dotprompt, and plain string concatenation (the ceiling).
 */
import { PromptTemplate } from "@langchain/core/prompts";
import { compilePrompt } from "@quire/core";
import { Dotprompt } from "dotprompt";
import Handlebars from "handlebars";
import { Liquid } from "liquidjs";
import Mustache from "mustache";
import nunjucks from "nunjucks";
import {
  concatenate,
  handlebarsTemplate,
  jinjaTemplate,
  liquidTemplate,
  mustacheTemplate,
  variables,
} from "./fixtures/realistic-template.js";
import { compareThroughput, type Peer } from "./measure.js";
import type { BenchResult } from "./results.js";

const suite = "render-throughput";

export async function renderThroughput(): Promise<BenchResult[]> {
  const input = structuredClone(variables) as unknown as Record<string, unknown>;

  const quire = compilePrompt({
    type: "text",
    engine: "handlebars",
    template: handlebarsTemplate,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
  });
  // Its own environment: dotprompt registers its helpers (role, json, …) on the global one.
  const rawHandlebars = Handlebars.create().compile(handlebarsTemplate, { noEscape: true });
  const nunjucksEnvironment = new nunjucks.Environment(null, { autoescape: false });
  const nunjucksTemplate = nunjucks.compile(jinjaTemplate, nunjucksEnvironment);
  const liquid = new Liquid();
  const liquidParsed = liquid.parse(liquidTemplate);
  Mustache.parse(mustacheTemplate);
  const mustacheOptions = { escape: (text: string) => text };
  const langchain = new PromptTemplate({
    template: mustacheTemplate,
    inputVariables: ["persona", "company", "task", "tone", "query", "examples"],
    templateFormat: "mustache",
  });
  const dotprompt = await new Dotprompt().compile(handlebarsTemplate);

  const expected = rawHandlebars(input);
  const checks: Array<[string, string]> = [
    ["quire", (quire.render(input) as { text: string }).text],
    ["nunjucks", nunjucksTemplate.render(input)],
    ["liquidjs", liquid.renderSync(liquidParsed, input) as string],
    ["mustache", Mustache.render(mustacheTemplate, input, {}, mustacheOptions)],
    ["concatenation", concatenate(variables)],
    ["langchain", await langchain.format(input as never)],
    ["dotprompt", dotpromptText(await dotprompt({ input }))],
  ];
  for (const [name, text] of checks) {
    if (normalize(text) !== normalize(expected)) {
      const a = normalize(text);
      const b = normalize(expected);
      let at = 0;
      while (at < a.length && a[at] === b[at]) at += 1;
      throw new Error(
        `bench: ${name} renders a different prompt than raw handlebars at character ${at}: ${JSON.stringify(a.slice(Math.max(0, at - 30), at + 40))} instead of ${JSON.stringify(b.slice(Math.max(0, at - 30), at + 40))}`,
      );
    }
  }

  const peers: Peer[] = [
    { name: "quire-core (handlebars)", run: () => quire.render(input) },
    { name: "handlebars", run: () => rawHandlebars(input) },
    { name: "nunjucks", run: () => nunjucksTemplate.render(input) },
    { name: "liquidjs", run: () => liquid.renderSync(liquidParsed, input) },
    { name: "mustache", run: () => Mustache.render(mustacheTemplate, input, {}, mustacheOptions) },
    {
      name: "@langchain/core PromptTemplate",
      run: () => langchain.format(input as never),
      async: true,
    },
    { name: "dotprompt", run: () => dotprompt({ input }), async: true },
    { name: "string concatenation", run: () => concatenate(variables) },
  ];
  const measured = await compareThroughput(peers);
  const byName = new Map(measured.map((result) => [result.name, result.operationsPerSecond]));
  const quireRate = byName.get("quire-core (handlebars)") ?? Number.NaN;

  return measured.map((result) => {
    const ratios: Record<string, number> = {};
    if (result.name === "quire-core (handlebars)") {
      for (const [peer, rate] of byName)
        if (peer !== result.name) ratios[peer] = round(quireRate / rate);
    }
    return {
      suite,
      name: result.name,
      value: Math.round(result.operationsPerSecond),
      unit: "renders/s (median of 9 rounds)",
      ...(Object.keys(ratios).length > 0 ? { ratios } : {}),
    };
  });
}

function dotpromptText(rendered: {
  messages: Array<{ content: Array<{ text?: string }> }>;
}): string {
  return rendered.messages
    .flatMap((message) => message.content.map((part) => part.text ?? ""))
    .join("");
}

/** Engines differ in the whitespace their loop tags leave; compare the words. */
function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
