import type { JsonSchema, TemplateVariable } from "@quire/core";
import { propertiesOf } from "./schema-from-variables.js";

export interface VariableListProps {
  variables: readonly TemplateVariable[];
  /** The input schema, to say which variables it declares; null when the prompt has none. */
  schema: JsonSchema | null;
  /** The template does not parse: the list is of the last version that did. */
  stale?: boolean;
}

/** The variables the template reads, as the engine sees them, checked against the input schema. */
export function VariableList({ variables, schema, stale = false }: VariableListProps) {
  const declared = schema === null ? undefined : propertiesOf(schema);
  const unused =
    declared === undefined
      ? []
      : Object.keys(declared).filter(
          (name) => !variables.some((variable) => variable.name === name),
        );
  return (
    <section className="variable-list" aria-labelledby="variables-title">
      <h2 id="variables-title">
        Variables <span className="count-badge">{variables.length}</span>
        {stale ? <span className="hint"> (from the last template that parsed)</span> : null}
      </h2>
      {variables.length === 0 ? (
        <p className="hint">
          The template reads no variables yet. Write <code>{"{{name}}"}</code> to add one.
        </p>
      ) : (
        <ul data-testid="variable-list">
          {variables.map((variable) => (
            <VariableItem
              key={variable.name}
              variable={variable}
              missingFromSchema={declared !== undefined && !(variable.name in declared)}
            />
          ))}
        </ul>
      )}
      {unused.length === 0 ? null : (
        <p className="hint" data-testid="unused-variables">
          In the schema but not used by the template: {unused.join(", ")}
        </p>
      )}
    </section>
  );
}

function VariableItem({
  variable,
  missingFromSchema,
}: {
  variable: TemplateVariable;
  missingFromSchema: boolean;
}) {
  return (
    <li className="variable" data-variable={variable.name}>
      <code>{variable.name}</code>
      <span className={`kind kind-${variable.kind}`}>{kindLabel(variable.kind)}</span>
      {missingFromSchema ? (
        <span className="warning-text" title="The input schema does not declare this variable">
          not in schema
        </span>
      ) : null}
      {variable.properties.length === 0 ? null : (
        <ul>
          {variable.properties.map((property) => (
            <VariableItem key={property.name} variable={property} missingFromSchema={false} />
          ))}
        </ul>
      )}
    </li>
  );
}

function kindLabel(kind: TemplateVariable["kind"]): string {
  if (kind === "list") return "list";
  if (kind === "object") return "object";
  return "value";
}
