import type { FastifyInstance } from 'fastify';

/**
 * The security headers every answer carries (pages, API, downloads): 等保2.0 and OWASP's secure
 * headers. Framing is refused twice (CSP frame-ancestors for current browsers, X-Frame-Options for old
 * ones); downloads add Content-Disposition: attachment in their routes, and nosniff keeps a browser
 * from reading them as anything but their declared type. The set is helmet's defaults with our policy.
 * It is fixed, so it is written once here rather than rebuilt per request (as @fastify/helmet did, at
 * about a twentieth of the server's time in the report burst of bench/report-load.ts).
 */
const CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // antd writes its CSS-in-JS into <style> elements at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'"],
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': Object.entries(CSP).map(([k, v]) => `${k} ${v.join(' ')}`).join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}
