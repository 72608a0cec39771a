/** Whether a socket's peer address is this machine (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return plain === "::1" || /^127(\.\d{1,3}){3}$/.test(plain);
}

/**
 * Whether a Host header names this machine (`localhost`, `127.x.y.z`, `[::1]`, any port): a page
 * of another site that rebinds its DNS name to 127.0.0.1 still sends its own name, so this check
 * keeps such a page from being handed a session.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "");
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(name);
}
