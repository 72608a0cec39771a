const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The Content-Type of a built UI file, by its extension. */
export function contentTypeOf(file: string): string {
  const dot = file.lastIndexOf(".");
  return (
    (dot < 0 ? undefined : contentTypes[file.slice(dot).toLowerCase()]) ??
    "application/octet-stream"
  );
}
