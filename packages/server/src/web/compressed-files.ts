import { readFile, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { LRUCache } from "lru-cache";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export type ContentEncoding = "br" | "gzip";

/** Text files worth compressing (images and fonts are compressed already). */
const compressible = /\.(?:js|mjs|css|html|json|svg|txt|map|wasm)$/i;

/** The encoding to answer with, from the request's Accept-Encoding (br before gzip). */
export function chooseEncoding(
  file: string,
  acceptEncoding: string | undefined,
): ContentEncoding | undefined {
  if (!compressible.test(file) || acceptEncoding === undefined) return undefined;
  const accepted = acceptEncoding
    .toLowerCase()
    .split(",")
    .map((part) => part.trim())
    .filter((part) => !/;\s*q=0(?:\.0*)?$/.test(part))
    .map((part) => part.split(";")[0]);
  if (accepted.includes("br")) return "br";
  if (accepted.includes("gzip")) return "gzip";
  return undefined;
}

/**
 * The UI's files compressed once and kept in memory (the built UI is a few MB; its hashed assets
 * never change), keyed by path, size and modification time so a rebuild is picked up.
 */
export class CompressedFiles {
  private readonly cache = new LRUCache<string, Buffer>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, value.length),
  });

  async get(file: string, encoding: ContentEncoding): Promise<Buffer> {
    const info = await stat(file);
    const key = `${encoding}:${file}:${info.size}:${info.mtimeMs}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const content = await readFile(file);
    const compressed =
      encoding === "br"
        ? await brotli(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          })
        : await gzipped(content, { level: 9 });
    this.cache.set(key, compressed);
    return compressed;
  }
}
