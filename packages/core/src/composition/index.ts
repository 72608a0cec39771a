export * from "./arrange-components.js";
export * from "./component-reference.js";
export * from "./component-role.js";
export * from "./compose-layouts.js";
export * from "./compose-prompt.js";
export type { ExpandedComponent } from "./expand-components.js";
export * from "./find-component-references.js";
export * from "./layout-sections.js";
export * from "./provenance.js";
export type * from "./reference-site.js";
export type {
  ComponentGraph,
  ComponentNode,
  ComponentResolver,
  ResolvedComponent,
  SyncComponentResolver,
} from "./resolve-component-graph.js";
