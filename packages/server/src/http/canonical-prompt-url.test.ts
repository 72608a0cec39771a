import { describe, expect, it } from "vitest";
import { canonicalPromptUrl } from "./canonical-prompt-url.js";

describe("canonicalPromptUrl", () => {
  it.each([
    ["GET", "/v1/prompts/support/triage", "/v1/prompts/support%2Ftriage"],
    ["GET", "/v1/prompts/a/b/c?label=staging", "/v1/prompts/a%2Fb%2Fc?label=staging"],
    ["GET", "/v1/prompts/a/b/versions?limit=2", "/v1/prompts/a%2Fb/versions?limit=2"],
    ["GET", "/v1/prompts/a/b/c/diff?from=1&to=2", "/v1/prompts/a%2Fb%2Fc/diff?from=1&to=2"],
    ["GET", "/v1/prompts/a/b/labels/history", "/v1/prompts/a%2Fb/labels/history"],
    ["HEAD", "/v1/prompts/a/b", "/v1/prompts/a%2Fb"],
    ["POST", "/v1/prompts/a/b/versions", "/v1/prompts/a%2Fb/versions"],
    ["POST", "/v1/prompts/a/b/c/render", "/v1/prompts/a%2Fb%2Fc/render"],
    ["GET", "/v1/prompts/a/b/used-by?versions=all", "/v1/prompts/a%2Fb/used-by?versions=all"],
    ["PUT", "/v1/prompts/a/b/labels/production", "/v1/prompts/a%2Fb/labels/production"],
    ["GET", "/v1/prompts/a/b/", "/v1/prompts/a%2Fb"],
    ["GET", "/v1/prompts/a/b/versions/?limit=1", "/v1/prompts/a%2Fb/versions?limit=1"],
  ])("%s %s → %s", (method, url, expected) => {
    expect(canonicalPromptUrl(method, url)).toBe(expected);
  });

  it.each([
    ["GET", "/v1/prompts"],
    ["GET", "/v1/prompts?prefix=support/"],
    ["GET", "/v1/prompts/triage"],
    ["GET", "/v1/prompts/support%2Ftriage/versions"],
    ["GET", "/v1/prompts/triage/versions"],
    ["GET", "/v1/prompts/triage/labels/history"],
    ["PUT", "/v1/prompts/triage/labels/staging"],
    ["POST", "/v1/prompts/triage/render"],
    ["GET", "/healthz"],
    ["GET", "/docs/static/index.html"],
  ])("leaves %s %s as it is", (method, url) => {
    expect(canonicalPromptUrl(method, url)).toBe(url);
  });

  it("reads the route suffix by method: a GET of a/labels is the prompt named a/labels", () => {
    expect(canonicalPromptUrl("GET", "/v1/prompts/a/labels")).toBe("/v1/prompts/a%2Flabels");
    expect(canonicalPromptUrl("POST", "/v1/prompts/a/b/diff")).toBe("/v1/prompts/a%2Fb%2Fdiff");
  });
});
