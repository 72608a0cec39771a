import { fileURLToPath } from "node:url";
import { defaultClientConditions, defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * The web UI's build. Workspace packages are bundled from their TypeScript sources (the
 * "quire-source" export condition), so the UI builds without building core and client first.
 * `npm run dev -w @quire/web` proxies the API to a `quire serve` on :4141.
 */
export default defineConfig({
  root: here,
  base: "/",
  resolve: { conditions: ["quire-source", ...defaultClientConditions] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // The o200k token table (~2 MB, loaded only when a count is asked for) is the largest chunk.
    chunkSizeWarningLimit: 2_500,
    rolldownOptions: {
      // Core and client are side-effect free (core is pure by design): without this, importing
      // one contract from their index pulls every template engine into the first screen.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/]packages[\\/](core|client)[\\/]src[\\/]/.test(id) || id.endsWith(".css"),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/v1": "http://127.0.0.1:4141",
      "/healthz": "http://127.0.0.1:4141",
      "/openapi.json": "http://127.0.0.1:4141",
    },
  },
});
