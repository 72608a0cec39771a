#!/usr/bin/env node
// Committed entry point so npm links the `quire` command before the build has run;
// the CLI itself is compiled to dist/ by `npm ci` (the root `prepare` script).
import "../dist/main.js";
