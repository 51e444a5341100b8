// What the core and the Settings screen agree on about a central database address.

/** Whether a host name means this computer (where a server rarely has SSL set up). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The SSL mode to start from for a host: none for a server on this computer, else an encrypted connection. */
export function defaultSslMode(host: string): 'disable' | 'require' {
  return isLoopbackHost(host) ? 'disable' : 'require';
}
