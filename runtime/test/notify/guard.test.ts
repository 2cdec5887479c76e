/** The SSRF guard as channels use it: address policies, plain http only to private addresses. */
import { describe, expect, it } from "vitest";
import { checkOutboundUrl, policyLookupWith, type ResolveAll } from "../../src/adapters/notify/endpoint-guard.js";
import { checkChannel } from "../../src/adapters/notify/channels/check.js";

const dns: ResolveAll = async (host) => {
  const table: Record<string, string[]> = {
    "ntfy.lan": ["192.168.1.10"],
    "ntfy.example": ["203.0.114.7"],
    "split.example": ["192.168.1.10", "8.8.8.8"],
  };
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("checkOutboundUrl", () => {
  it("plain http needs both switches, and then reaches private addresses only", async () => {
    const both = { allowPrivate: true, allowPlainHttpToPrivate: true, resolve: dns };
    expect(await checkOutboundUrl("http://ntfy.lan:8080/", both)).toEqual({ ok: true });
    expect(await checkOutboundUrl("http://10.0.0.2/", both)).toEqual({ ok: true });
    expect(await checkOutboundUrl("http://ntfy.example/", both)).toEqual({ ok: false, reason: "plain http to a public address" });
    expect(await checkOutboundUrl("http://split.example/", both)).toEqual({ ok: false, reason: "plain http to a public address" });
    expect(await checkOutboundUrl("http://8.8.8.8/", both)).toEqual({ ok: false, reason: "plain http to a public address" });
    expect(await checkOutboundUrl("http://ntfy.lan/", { ...both, allowPrivate: false })).toEqual({ ok: false, reason: "not https" });
    expect(await checkOutboundUrl("http://ntfy.lan/", { allowPrivate: true, resolve: dns })).toEqual({ ok: false, reason: "not https" });
  });

  it("https keeps the push rules", async () => {
    expect(await checkOutboundUrl("https://ntfy.lan/", { allowPrivate: false, resolve: dns })).toEqual({
      ok: false,
      reason: "non-public address",
    });
    expect(await checkOutboundUrl("https://ntfy.lan/", { allowPrivate: true, resolve: dns })).toEqual({ ok: true });
    expect(await checkOutboundUrl("https://ntfy.example/", { allowPrivate: false, resolve: dns })).toEqual({ ok: true });
  });
});

describe("checkChannel", () => {
  it("allows plain http only for ntfy (household ntfy+http)", async () => {
    const lan = { allowPrivate: true, resolve: dns };
    expect(await checkChannel({ type: "ntfy", server: "http://ntfy.lan:8080/", topic: "t", token: null }, lan)).toEqual({ ok: true });
    expect(await checkChannel({ type: "webhook", url: "http://ntfy.lan:8080/hook", secret: "x".repeat(16) }, lan)).toEqual({
      ok: false,
      reason: "not https",
    });
    expect(
      await checkChannel({ type: "discord", url: "https://ntfy.lan/api/webhooks/1/2" }, { allowPrivate: false, resolve: dns }),
    ).toEqual({
      ok: false,
      reason: "non-public address",
    });
  });
});

describe("policyLookupWith", () => {
  const call = (policy: "public" | "private" | "any", host: string) =>
    new Promise<unknown[]>((resolve) => policyLookupWith(policy, dns)(host, { all: true }, (...args) => resolve(args)));

  it("refuses at connect time what the policy excludes", async () => {
    expect((await call("private", "ntfy.example"))[0]).toMatchObject({ code: "EPLAINPUBLIC" });
    expect((await call("private", "split.example"))[0]).toMatchObject({ code: "EPLAINPUBLIC" });
    expect(await call("private", "ntfy.lan")).toEqual([null, [{ address: "192.168.1.10", family: 4 }]]);
    expect((await call("public", "ntfy.lan"))[0]).toMatchObject({ code: "EPUSHPRIVATE" });
    expect(await call("any", "split.example")).toEqual([
      null,
      [
        { address: "192.168.1.10", family: 4 },
        { address: "8.8.8.8", family: 4 },
      ],
    ]);
  });
});
