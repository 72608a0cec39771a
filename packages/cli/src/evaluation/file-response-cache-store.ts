import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  type CachedResponse,
  type CacheInvalidation,
  matchesInvalidation,
  type ResponseCacheStore,
} from "@quire/llm";

/**
 * The response cache in files, so repeated `quire eval` runs reuse answers: one JSON file per
 * key under `<directory>/<first two hex digits>/<key>.json`, written to a temporary name and
 * renamed (a reader never sees half a file; two runs writing the same key leave one whole
 * answer). Keys are SHA-256 hex (`responseCacheKey`); anything else is refused.
 */
export class FileResponseCacheStore implements ResponseCacheStore {
  constructor(private readonly directory: string) {}

  async get(key: string): Promise<CachedResponse | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as CachedResponse;
    } catch {
      return undefined; // A damaged entry is a miss; the next answer replaces it.
    }
  }

  async set(key: string, entry: CachedResponse): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, target);
  }

  async delete(filter: CacheInvalidation): Promise<number> {
    let removed = 0;
    for (const file of await this.files()) {
      const key = path.basename(file, ".json");
      const entry = await this.get(key);
      if (entry === undefined || !matchesInvalidation(entry, filter)) continue;
      await rm(file, { force: true });
      removed += 1;
    }
    return removed;
  }

  private async files(): Promise<string[]> {
    let folders: string[];
    try {
      folders = await readdir(this.directory);
    } catch {
      return [];
    }
    const files: string[] = [];
    for (const folder of folders) {
      const names = await readdir(path.join(this.directory, folder)).catch(() => [] as string[]);
      for (const name of names) {
        if (name.endsWith(".json")) files.push(path.join(this.directory, folder, name));
      }
    }
    return files;
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{16,128}$/.test(key)) {
      throw new Error(`not a response cache key: ${JSON.stringify(key.slice(0, 80))}`);
    }
    return path.join(this.directory, key.slice(0, 2), `${key}.json`);
  }
}
