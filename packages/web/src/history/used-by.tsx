import type { QuireClient } from "@quire/client";
import type { ComponentInclusionResponse } from "@quire/core";
import { Link } from "wouter";
import { useRequest } from "../api/use-request.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { routes } from "../routes.js";

/** How many includers the section lists; the API pages through the rest. */
const shownIncluders = 100;

function versionAddress(inclusion: ComponentInclusionResponse): string {
  const editor = routes.editor(inclusion.prompt);
  return inclusion.latest ? editor : `${editor}?version=${inclusion.version}`;
}

/** What the reference selects now, e.g. "@production → v3" or ":2". */
function selection(inclusion: ComponentInclusionResponse): string {
  const now =
    inclusion.resolvesTo === null ? "points nowhere now" : `renders v${inclusion.resolvesTo}`;
  return `${inclusion.label === null ? "" : `label ${inclusion.label}, `}${now}`;
}

/**
 * "Used by": the prompts whose latest or labeled versions include this one as a component
 * (`{{> name}}`), each linking to that version, with the reference and what it renders now.
 */
export function UsedBy({ client, name }: { client: QuireClient; name: string }) {
  const includers = useRequest(
    (signal) => client.usedBy(name, { limit: shownIncluders }, { signal }),
    [client, name],
  );
  if (includers.status === "failed") {
    return (
      <ErrorMessage
        error={includers.error}
        context={`Finding the prompts that include ${name}`}
        onRetry={includers.reload}
      />
    );
  }
  if (includers.value === undefined) return <Loading what="the prompts that include it" />;
  const { items, nextCursor } = includers.value;
  if (items.length === 0) {
    return (
      <p className="hint" data-testid="used-by-empty">
        Not included in any prompt yet. Another prompt can use it as a component with{" "}
        <code>{`{{> ${name}}}`}</code> (pin it with <code>@production</code> or <code>:2</code>).
      </p>
    );
  }
  return (
    <>
      <ul className="used-by" data-testid="used-by">
        {items.map((inclusion) => (
          <li key={`${inclusion.prompt}:${inclusion.version}:${inclusion.reference}`}>
            <Link href={versionAddress(inclusion)}>
              {inclusion.prompt} v{inclusion.version}
            </Link>
            {inclusion.latest ? <span className="hint"> (latest)</span> : null}
            {inclusion.labels.map((label) => (
              <span key={label} className="badge badge-custom">
                {label}
              </span>
            ))}
            <div className="hint">
              includes <code>{`{{> ${inclusion.reference}}}`}</code> · {selection(inclusion)}
            </div>
          </li>
        ))}
      </ul>
      {nextCursor === null ? null : (
        <p className="hint">
          The first {shownIncluders} shown; <code>GET /v1/prompts/…/used-by</code> lists them all.
        </p>
      )}
    </>
  );
}
