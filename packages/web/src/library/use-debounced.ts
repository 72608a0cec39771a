import { useEffect, useState } from "react";

/** The value once it has stopped changing for `delayMilliseconds` (search as you type). */
export function useDebounced<Value>(value: Value, delayMilliseconds: number): Value {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMilliseconds);
    return () => clearTimeout(timer);
  }, [value, delayMilliseconds]);
  return settled;
}
