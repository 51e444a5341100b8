// Content Security Policy shared by the Electron shell and the browser host: only the app's own
// scripts, no remote content, no plugins, no framing. Inline styles are allowed because the chart
// library positions elements with style attributes; inline scripts are not.
export function contentSecurityPolicy({ dev = false }: { dev?: boolean } = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': dev ? "'self' 'unsafe-inline'" : "'self'", // the dev server injects React Refresh's preamble inline
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': dev ? "'self' ws://localhost:* http://localhost:*" : "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
