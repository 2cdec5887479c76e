/** The generated Caddyfile: its shape, and Debian's `caddy validate` accepting it. */
import { describe, expect, it } from "vitest";
import { renderCaddyfile, usesInternalCa, type CaddyfileOptions } from "../docker/caddyfile.js";
import { caddyUnavailable, caddyValidate } from "../testing/caddy.js";

const missing = caddyUnavailable();
const requireCaddy = (ctx: { skip: (note?: string) => void }) => {
  if (!missing) return;
  if (process.env.CI === "true") throw new Error(`CI needs Caddy: ${missing}`);
  ctx.skip(missing);
};

describe("renderCaddyfile", () => {
  it("sends every path to the runtime, with the internal CA for localhost", () => {
    const text = renderCaddyfile({ domain: "localhost", upstream: "runtime:8080" });
    expect(text).toContain("\ttls internal\n");
    expect(text).toContain("\treverse_proxy runtime:8080\n");
    // One catch-all site: no path matchers that could miss a route the runtime serves.
    expect(text).not.toMatch(/handle|route|@\w+|path /);
    // No access log: it would record the tokens in query strings.
    expect(text).not.toMatch(/^\s*log\b/m);
  });

  it("uses automatic HTTPS (ACME) for a real domain", () => {
    const text = renderCaddyfile({ domain: "stellarr.example.com", upstream: "runtime:8080", email: "ops@example.com" });
    expect(text).not.toContain("tls internal");
    expect(text).toContain("email ops@example.com");
    expect(text).toMatch(/^stellarr\.example\.com \{$/m);
  });

  it("adds a redirect that keeps a non-default public HTTPS port", () => {
    expect(renderCaddyfile({ domain: "localhost", upstream: "runtime:8080" })).not.toContain("http://localhost");
    const text = renderCaddyfile({ domain: "localhost", upstream: "runtime:8080", publicHttpsPort: 8443 });
    expect(text).toContain("http://localhost {\n\tredir https://{host}:8443{uri} 308\n}");
  });

  it("tells local names from public ones", () => {
    expect(usesInternalCa("localhost")).toBe(true);
    expect(usesInternalCa("media.localhost")).toBe(true);
    expect(usesInternalCa("192.168.1.10")).toBe(true);
    expect(usesInternalCa("stellarr.example.com")).toBe(false);
  });

  it("refuses values that would inject Caddyfile syntax", () => {
    expect(() => renderCaddyfile({ domain: "a.com {\n}", upstream: "runtime:8080" })).toThrow(/plain DNS name/);
    expect(() => renderCaddyfile({ domain: "a.com", upstream: "runtime:8080 evil" })).toThrow(/host:port/);
  });
});

describe("caddy validate", () => {
  it.for<[string, CaddyfileOptions]>([
    ["localhost (internal CA)", { domain: "localhost", upstream: "runtime:8080" }],
    ["a real domain (ACME)", { domain: "stellarr.example.com", upstream: "runtime:8080", email: "ops@example.com" }],
    ["test ports on loopback", { domain: "localhost", upstream: "127.0.0.1:9", httpPort: 18080, httpsPort: 18443, bind: ["127.0.0.1"] }],
    ["a published port other than 443", { domain: "localhost", upstream: "runtime:8080", publicHttpsPort: 8443 }],
  ])("accepts the Caddyfile for %s", ([, opts], ctx) => {
    requireCaddy(ctx);
    const r = caddyValidate(renderCaddyfile(opts));
    expect(r.output).toContain("Valid configuration");
    expect(r.ok).toBe(true);
  });

  it("rejects a broken Caddyfile (the check is real)", (ctx) => {
    requireCaddy(ctx);
    const broken = renderCaddyfile({ domain: "localhost", upstream: "runtime:8080" }).replace(
      "reverse_proxy runtime:8080",
      "reverse_proxi runtime:8080",
    );
    const r = caddyValidate(broken);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("unrecognized directive: reverse_proxi");
  });
});
