import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The server package's version, for the OpenAPI document. */
export const serverVersion: string = (require("../package.json") as { version: string }).version;
