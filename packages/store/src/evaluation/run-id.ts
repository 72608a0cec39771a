import { randomBytes } from "node:crypto";

/** Hex digits of the part after the time (40 bits). */
const tailDigits = 10;
const tailLimit = 2 ** (tailDigits * 4);

/**
 * Makes eval-run ids, `run_<milliseconds in base 36, 10 digits><40 bits in hex>`, that sort by
 * creation time, so "newest first" is `id DESC`. Within one process they strictly increase even
 * when two runs start in the same millisecond (or the clock steps back): the tail then counts up
 * from the previous id's instead of being drawn afresh. Across servers, ids of one millisecond
 * order at random.
 */
export function createRunIdSource(now: () => number = Date.now): () => string {
  let lastTime = -1;
  let lastTail = 0;
  return () => {
    let time = now();
    let tail: number;
    if (time > lastTime) {
      tail = randomBytes(5).readUIntBE(0, 5) % (tailLimit / 2);
    } else {
      time = lastTime;
      tail = lastTail + 1 + (randomBytes(1)[0] ?? 0);
      if (tail >= tailLimit) {
        time = lastTime + 1;
        tail = 0;
      }
    }
    lastTime = time;
    lastTail = tail;
    return `run_${time.toString(36).padStart(10, "0")}${tail.toString(16).padStart(tailDigits, "0")}`;
  };
}
