import Mustache from "mustache";
import { activeBudget } from "../render-budget.js";

/**
 * Mustache's Context reads names with `in` and plain property access, so `{{constructor}}` or
 * `{{#constructor.constructor}}` reach inherited members (and sections call functions). Templates
 * are untrusted: this context reads own properties only, otherwise with Mustache's rules (a name
 * not found in a section's item is looked up in the enclosing contexts; a dotted name is taken
 * from the first context where its whole path exists). Variables come from JSON, so there are no
 * functions (lambdas) in them unless an application passes its own.
 */
export class OwnPropertyContext extends Mustache.Context {
  private readonly lookups = new Map<string, unknown>();

  /** A section entered: once per item of a list, once for any other value; a loop iteration. */
  override push(view: unknown): Mustache.Context {
    activeBudget()?.iteration();
    return new OwnPropertyContext(view, this);
  }

  override lookup(name: string): unknown {
    let value: unknown;
    if (name === ".") value = this.view;
    else if (this.lookups.has(name)) value = this.lookups.get(name);
    else {
      value = this.find(name);
      this.lookups.set(name, value);
    }
    return typeof value === "function" ? value.call(this.view) : value;
  }

  private find(name: string): unknown {
    const names = name.indexOf(".") > 0 ? name.split(".") : undefined;
    for (let context: Mustache.Context | undefined = this; context; context = context.parent) {
      const view: unknown = context.view;
      if (names === undefined) {
        if (view !== null && typeof view === "object" && Object.hasOwn(view, name)) {
          return (view as Record<string, unknown>)[name];
        }
        continue;
      }
      let current: unknown = view;
      let found = false;
      for (
        let index = 0;
        current !== null && current !== undefined && index < names.length;
        index++
      ) {
        const key = names[index] ?? "";
        const own = Object.hasOwn(current, key);
        if (index === names.length - 1) found = own;
        current = own ? (current as Record<string, unknown>)[key] : undefined;
      }
      if (found) return current;
    }
    return undefined;
  }
}
