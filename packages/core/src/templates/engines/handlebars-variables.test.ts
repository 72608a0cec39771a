import { describe, expect, it } from "vitest";
import { list, object, value } from "../../testing/test-helpers.js";
import { handlebarsEngine } from "./handlebars-engine.js";

const variables = (source: string, partials?: Record<string, string>) =>
  handlebarsEngine.variables(source, partials === undefined ? {} : { partials });

describe("Handlebars variables", () => {
  it("reads plain names and nested paths", () => {
    expect(variables("{{name}} {{customer.name}} {{customer.address.city}}")).toEqual([
      value("name"),
      object("customer", value("name"), object("address", value("city"))),
    ]);
  });

  it("reports a loop's item fields as properties of the list, not as top-level variables", () => {
    expect(
      variables(
        "{{#each examples}}{{this.ticket}} {{answer}} {{@index}} {{#each tags}}{{label}}{{/each}}{{/each}}",
      ),
    ).toEqual([list("examples", value("ticket"), value("answer"), list("tags", value("label")))]);
  });

  it("knows block parameters, this, ../ and @root", () => {
    expect(
      variables(
        "{{#each items as |item i|}}{{item.id}} {{i}} {{this}} {{../title}} {{@root.lang}}{{/each}}",
      ),
    ).toEqual([list("items", value("id")), value("title"), value("lang")]);
  });

  it("understands conditionals and with", () => {
    expect(
      variables(
        "{{#if flag}}{{a}}{{else}}{{b}}{{/if}}{{#unless off}}x{{/unless}}{{#with user as |u|}}{{u.name}} {{email}}{{/with}}",
      ),
    ).toEqual([
      value("flag"),
      value("a"),
      value("b"),
      value("off"),
      object("user", value("name"), value("email")),
    ]);
  });

  it("does not report helpers, only their arguments", () => {
    expect(
      variables(
        '{{role "system"}}{{json payload indent=2}}{{history}}{{#ifEquals a b}}{{c}}{{/ifEquals}}{{media url=image}}{{section "x"}}{{lookup map key}}{{#unlessEquals d "x"}}{{/unlessEquals}}',
      ),
    ).toEqual([
      value("payload"),
      value("a"),
      value("b"),
      value("c"),
      value("image"),
      value("map"),
      value("key"),
      value("d"),
    ]);
  });

  it("treats a section over a name as that name's items", () => {
    expect(
      variables("{{#people}}{{name}}{{/people}}{{#flag}}static{{/flag}}{{^none}}{{/none}}"),
    ).toEqual([list("people", value("name")), value("flag"), value("none")]);
  });

  it("follows partials, with their context and hash arguments", () => {
    const partials = { card: "{{title}} {{price}}", row: "{{cell}}" };
    expect(
      variables(
        "{{> card product}} {{#each rows}}{{> row}}{{/each}} {{> card title=heading}}",
        partials,
      ),
    ).toEqual([
      object("product", value("title"), value("price")),
      list("rows", value("cell")),
      value("heading"),
      value("price"),
    ]);
  });

  it("does not loop on recursive partials", () => {
    expect(
      variables("{{> tree}}", { tree: "{{name}}{{#each children}}{{> tree}}{{/each}}" }),
    ).toEqual([value("name"), list("children")]);
  });
});
