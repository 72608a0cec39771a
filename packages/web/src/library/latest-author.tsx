import type { QuireClient } from "@quire/client";
import { useEffect, useState } from "react";

/** name@version → author, kept for the session (a version never changes). */
const authors = new Map<string, string>();

/**
 * Who made a prompt's latest version. The list API answers prompts without authors, so each row
 * in view asks for its latest version once it has stayed in view for a moment (fast scrolling
 * past rows asks nothing); answers are cached.
 */
export function LatestAuthor({
  client,
  name,
  version,
}: {
  client: QuireClient;
  name: string;
  version: number;
}) {
  const key = `${name}@${version}`;
  const [author, setAuthor] = useState(() => authors.get(key));
  useEffect(() => {
    if (authors.has(key)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.getPrompt(name, { version }, { signal: controller.signal }).then(
        (found) => {
          authors.set(key, found.version.author);
          setAuthor(found.version.author);
        },
        () => undefined,
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, key, name, version]);
  return author === undefined ? null : <span className="row-author">by {author}</span>;
}
