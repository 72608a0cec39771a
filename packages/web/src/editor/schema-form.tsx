import type { JsonSchema } from "@quire/core";
import { type ReactNode, useState } from "react";
import { initialValue, propertiesOf, requiredOf, typeOf } from "./schema-from-variables.js";

export interface SchemaFormProps {
  /** An object schema: one field per property. */
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  /** Prefix of the fields' ids (several forms on a page). */
  idPrefix?: string;
}

/** A form generated from a JSON Schema: string, number, boolean, enum, array and object fields. */
export function SchemaForm({ schema, value, onChange, idPrefix = "input" }: SchemaFormProps) {
  const properties = Object.entries(propertiesOf(schema));
  if (properties.length === 0) {
    return <p className="hint">This prompt takes no variables.</p>;
  }
  return (
    <div className="schema-form">
      <ObjectFields
        schema={schema}
        value={value}
        onChange={(next) => onChange(next as Record<string, unknown>)}
        path={[idPrefix]}
      />
    </div>
  );
}

interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  path: string[];
}

function ObjectFields({ schema, value, onChange, path }: FieldProps) {
  const object = isRecord(value) ? value : {};
  const required = requiredOf(schema);
  return (
    <>
      {Object.entries(propertiesOf(schema)).map(([name, property]) => (
        <Field
          key={name}
          name={name}
          schema={property}
          required={required.includes(name)}
          value={object[name]}
          path={[...path, name]}
          onChange={(next) => {
            const copy = { ...object };
            if (next === undefined) delete copy[name];
            else copy[name] = next;
            onChange(copy);
          }}
        />
      ))}
    </>
  );
}

function Field(props: FieldProps & { name: string; required: boolean }) {
  const { schema, value, onChange, path, name, required } = props;
  const id = path.join("-").replace(/[^\w-]/g, "_");
  const type = typeOf(schema);
  const description = typeof schema.description === "string" ? schema.description : undefined;
  const hint =
    description === undefined ? null : (
      <span className="field-hint" id={`${id}-hint`}>
        {description}
      </span>
    );
  const labelText = (
    <>
      {name}
      {required ? (
        <span className="required" aria-hidden="true">
          {" "}
          *
        </span>
      ) : null}
      <span className="field-type">{Array.isArray(schema.enum) ? "enum" : (type ?? "json")}</span>
    </>
  );
  const describedBy = description === undefined ? undefined : `${id}-hint`;

  if (type === "object") {
    return (
      <fieldset className="field field-object">
        <legend>{labelText}</legend>
        {hint}
        <ObjectFields schema={schema} value={value} onChange={onChange} path={path} />
      </fieldset>
    );
  }
  if (type === "array") {
    return <ArrayField {...props} id={id} labelText={labelText} hint={hint} />;
  }
  let control: ReactNode;
  if (Array.isArray(schema.enum)) {
    const options = schema.enum as unknown[];
    const index = options.findIndex((option) => Object.is(option, value));
    control = (
      <select
        id={id}
        aria-required={required}
        aria-describedby={describedBy}
        value={index < 0 ? "" : String(index)}
        onChange={(event) =>
          onChange(event.target.value === "" ? undefined : options[Number(event.target.value)])
        }
      >
        {required ? null : <option value="">(none)</option>}
        {options.map((option, position) => (
          <option key={String(position)} value={String(position)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (type === "boolean") {
    control = (
      <input
        id={id}
        type="checkbox"
        aria-describedby={describedBy}
        checked={value === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  } else if (type === "number" || type === "integer") {
    control = (
      <input
        id={id}
        type="number"
        step={type === "integer" ? 1 : "any"}
        placeholder={typeof schema.default === "number" ? `default: ${schema.default}` : undefined}
        aria-required={required}
        aria-describedby={describedBy}
        value={typeof value === "number" ? value : ""}
        onChange={(event) =>
          onChange(event.target.value === "" ? undefined : Number(event.target.value))
        }
      />
    );
  } else if (type === "string") {
    control = (
      <textarea
        id={id}
        rows={1}
        placeholder={typeof schema.default === "string" ? `default: ${schema.default}` : undefined}
        aria-required={required}
        aria-describedby={describedBy}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else {
    control = <JsonField id={id} value={value} onChange={onChange} describedBy={describedBy} />;
  }
  return (
    <div className={`field field-${type ?? "json"}`}>
      <label htmlFor={id}>{labelText}</label>
      {control}
      {hint}
    </div>
  );
}

function ArrayField(
  props: FieldProps & {
    name: string;
    id: string;
    labelText: ReactNode;
    hint: ReactNode;
  },
) {
  const { schema, value, onChange, path, name, labelText, hint } = props;
  const items = Array.isArray(value) ? value : [];
  const itemSchema = (isRecord(schema.items) ? schema.items : {}) as JsonSchema;
  return (
    <fieldset className="field field-array">
      <legend>{labelText}</legend>
      {hint}
      {items.length === 0 ? <p className="hint">No items.</p> : null}
      <ol className="array-items">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place
          <li key={index} className="array-item">
            <Field
              name={`${name}[${index + 1}]`}
              schema={itemSchema}
              required={false}
              value={item}
              path={[...path, String(index)]}
              onChange={(next) =>
                onChange(items.map((old, position) => (position === index ? next : old)))
              }
            />
            <button
              type="button"
              className="small"
              aria-label={`Remove item ${index + 1} of ${name}`}
              onClick={() => onChange(items.filter((_, position) => position !== index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="small"
        onClick={() => onChange([...items, initialValue(itemSchema)])}
      >
        Add {name} item
      </button>
    </fieldset>
  );
}

/** Any JSON, for a property without a type: parsed when it is valid, the error shown when not. */
function JsonField(props: {
  id: string;
  value: unknown;
  onChange(value: unknown): void;
  describedBy: string | undefined;
}) {
  const [text, setText] = useState(() =>
    props.value === undefined ? "" : JSON.stringify(props.value, null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <textarea
        id={props.id}
        rows={2}
        className="mono"
        aria-describedby={props.describedBy}
        aria-invalid={error !== null}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() === "") {
            setError(null);
            props.onChange(undefined);
            return;
          }
          try {
            props.onChange(JSON.parse(event.target.value));
            setError(null);
          } catch (caught) {
            setError(`Not JSON yet: ${(caught as Error).message}`);
          }
        }}
      />
      {error === null ? null : (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
