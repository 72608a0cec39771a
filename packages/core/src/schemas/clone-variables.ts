/**
 * A deep copy of plain objects and arrays (other values are shared), so that filling defaults
 * never writes into the caller's object. An own `__proto__` key (JSON.parse makes those) stays
 * an ordinary key instead of becoming the copy's prototype.
 */
export function cloneVariables<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneVariables) as T;
  if (value === null || typeof value !== "object") return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "__proto__") {
      Object.defineProperty(copy, key, {
        value: cloneVariables(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = cloneVariables(item);
  }
  return copy as T;
}
