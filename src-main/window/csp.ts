/**
 * The renderer's Content Security Policy, sent as a header (app:// and browser mode) and written as a meta tag
 * into index.html at build time. No inline script, no eval, no remote content.
 */
const directives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'frame-src': "'none'",
  'worker-src': "'self'",
};

/** Serializes directives in a stable order. */
function serialize(d: Record<string, string>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The production policy. */
export const CONTENT_SECURITY_POLICY = serialize(directives);

/** The meta-tag form: `frame-ancestors` is ignored in meta tags, so it is left out there (the header keeps it). */
export const CONTENT_SECURITY_POLICY_META = serialize(
  Object.fromEntries(Object.entries(directives).filter(([k]) => k !== 'frame-ancestors')),
);

/** The dev-server policy: Vite's HMR needs a websocket and injects inline styles; used only by `electron-vite dev`. */
export const CONTENT_SECURITY_POLICY_DEV = serialize({
  ...directives,
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self' ws://localhost:* http://localhost:*",
});
