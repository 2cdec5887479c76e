/** Security headers (product.md §4): CSP etc. on HTML, nosniff everywhere, HSTS when BASE_URL is https. */
/** The CSP on HTML; the AWS stack sends the same one from CloudFront's response-headers policy. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' https://image.tmdb.org data:",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** `config.baseUrl` is the public origin (BASE_URL) or null; HSTS only when it is https. */
export function securityHeaders(config: { baseUrl: string | null }, contentType: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  if (contentType?.startsWith("text/html")) {
    headers["content-security-policy"] = CONTENT_SECURITY_POLICY;
    headers["x-frame-options"] = "DENY";
  }
  if (config.baseUrl?.startsWith("https://")) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
