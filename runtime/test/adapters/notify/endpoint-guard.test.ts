import { request, Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPushEndpoint, guardedLookup, guardedLookupWith, type ResolveAll } from "../../../src/adapters/notify/endpoint-guard.js";
import { startPushService, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";

const resolver = (table: Record<string, string[]>): ResolveAll & { calls: string[] } => {
  const calls: string[] = [];
  const fn = async (host: string) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(fn, { calls });
};

describe("checkPushEndpoint", () => {
  const dns = resolver({
    "fcm.googleapis.com": ["142.250.74.42", "2a00:1450:4001:82a::200a"],
    "rebind.example": ["8.8.8.8", "10.0.0.5"],
    "mapped.example": ["::ffff:192.168.0.1"],
    "internal.example": ["fd00::1"],
  });
  const strict = { allowPrivate: false, resolve: dns };

  it("accepts https endpoints whose every address is public", async () => {
    expect(await checkPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", strict)).toEqual({ ok: true });
    expect(await checkPushEndpoint("https://8.8.8.8/push", strict)).toEqual({ ok: true });
  });

  it.each([
    ["http://fcm.googleapis.com/fcm/send/abc", "not https"],
    ["ftp://fcm.googleapis.com/x", "not https"],
    ["not a url", "not a URL"],
    ["https://user:pw@fcm.googleapis.com/x", "credentials in URL"],
    ["https://rebind.example/x", "non-public address"],
    ["https://mapped.example/x", "non-public address"],
    ["https://internal.example/x", "non-public address"],
    ["https://nowhere.example/x", "host does not resolve"],
    ["https://127.0.0.1:8443/x", "non-public address"],
    ["https://[::1]/x", "non-public address"],
    ["https://[::ffff:169.254.169.254]/x", "non-public address"],
    ["https://0x7f.1/x", "non-public address"], // WHATWG URL normalises to 127.0.0.1
  ])("refuses %s (%s)", async (endpoint, reason) => {
    expect(await checkPushEndpoint(endpoint, strict)).toEqual({ ok: false, reason });
  });

  it("does not resolve IP-literal hosts", async () => {
    const spy = resolver({});
    await checkPushEndpoint("https://10.0.0.1/x", { allowPrivate: false, resolve: spy });
    expect(spy.calls).toEqual([]);
  });

  it("allows private addresses only when configured, and still only https", async () => {
    expect(await checkPushEndpoint("https://127.0.0.1:8443/x", { allowPrivate: true, resolve: dns })).toEqual({ ok: true });
    expect(await checkPushEndpoint("http://127.0.0.1:8443/x", { allowPrivate: true, resolve: dns })).toEqual({
      ok: false,
      reason: "not https",
    });
  });
});

describe("guardedLookup (connect-time check)", () => {
  let fake: PushServiceFake;
  beforeAll(async () => {
    fake = await startPushService();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("refuses to connect to a host name that resolves to loopback", async () => {
    const port = new URL(fake.origin).port;
    const agent = new Agent({ lookup: guardedLookup });
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = request(`https://localhost:${port}/push/x`, { method: "POST", agent }, () => reject(new Error("connected")));
      req.on("error", resolve);
      req.end();
    });
    agent.destroy();
    expect(error.code).toBe("EPUSHPRIVATE");
    expect(fake.rejected.length + fake.received.length).toBe(0);
  });

  it("passes public answers through in node's callback shape", async () => {
    const lookup = guardedLookupWith(
      resolver({ "push.example": ["8.8.8.8", "2606:4700:4700::1111"], "mixed.example": ["8.8.8.8", "127.0.0.1"] }),
    );
    const call = (host: string, options: { all?: boolean; family?: number }) =>
      new Promise<unknown[]>((resolve) => lookup(host, options, (...args) => resolve(args)));
    expect(await call("push.example", { all: true })).toEqual([
      null,
      [
        { address: "8.8.8.8", family: 4 },
        { address: "2606:4700:4700::1111", family: 6 },
      ],
    ]);
    expect(await call("push.example", { family: 6 })).toEqual([null, "2606:4700:4700::1111", 6]);
    expect((await call("mixed.example", {}))[0]).toMatchObject({ code: "EPUSHPRIVATE" });
    expect((await call("unknown.example", { all: true }))[0]).toMatchObject({ code: "ENOTFOUND" });
  });
});
