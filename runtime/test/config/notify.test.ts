/**
 * Notification settings (product.md §2): NOTIFY_URLS, NOTIFY_WEBHOOK_SECRET, NOTIFY_LOCALE (read by
 * parseConfig, parsed by the wiring's `householdNotify`, which refuses start-up) and ALLOW_PRIVATE_ENDPOINTS.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/parse.js";
import { householdNotify } from "../../src/wiring/household.js";

const base = { APP_SECRET_KEY: "0123456789abcdef0123", PRESHARED_PASSWORD: "pw" };
const problems = (vars: Record<string, string>): string[] => {
  try {
    householdNotify(parseConfig({ ...base, ...vars }, "embedded"));
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe("notification settings", () => {
  it("default to no household channel, English, private endpoints refused", () => {
    const c = parseConfig(base, "embedded");
    expect(c.pushAllowPrivateEndpoints).toBe(false);
    expect(householdNotify(c)).toEqual({ channels: [], locale: "en" });
  });

  it("read household channels and their locale", () => {
    const c = householdNotify(
      parseConfig(
        {
          ...base,
          NOTIFY_URLS:
            "ntfy://tk_abcdefghijklmnopqrstuvwxyz012@ntfy.example/family, discord://123456789012345678/tok, https://hooks.example/in",
          NOTIFY_WEBHOOK_SECRET: "0123456789abcdefXYZ",
          NOTIFY_LOCALE: "fr",
        },
        "embedded",
      ),
    );
    expect(c.locale).toBe("fr");
    expect(c.channels.map((ch) => ch.spec)).toEqual([
      { type: "ntfy", server: "https://ntfy.example/", topic: "family", token: "tk_abcdefghijklmnopqrstuvwxyz012" },
      { type: "discord", url: "https://discord.com/api/webhooks/123456789012345678/tok" },
      { type: "webhook", url: "https://hooks.example/in", secret: "0123456789abcdefXYZ" },
    ]);
  });

  it("refuse start-up naming NOTIFY_URLS, never echoing the entry", () => {
    const found = problems({ NOTIFY_URLS: "ftp://secret-topic.example/x" });
    expect(found).toEqual([expect.stringMatching(/^NOTIFY_URLS entry 1: /)]);
    expect(found.join()).not.toContain("secret-topic");
    expect(problems({ NOTIFY_URLS: "https://hooks.example/in" })).toEqual([expect.stringMatching(/NOTIFY_WEBHOOK_SECRET is required/)]);
    expect(problems({ NOTIFY_LOCALE: "xx" })).toEqual([expect.stringMatching(/^NOTIFY_LOCALE/)]);
  });

  it("refuse a plain-http ntfy entry unless private endpoints are allowed", () => {
    expect(problems({ NOTIFY_URLS: "ntfy+http://192.168.1.5/family" })).toEqual([expect.stringMatching(/ALLOW_PRIVATE_ENDPOINTS/)]);
    expect(problems({ NOTIFY_URLS: "ntfy+http://192.168.1.5/family", ALLOW_PRIVATE_ENDPOINTS: "true" })).toEqual([]);
  });

  it("take ALLOW_PRIVATE_ENDPOINTS, with PUSH_ALLOW_PRIVATE_ENDPOINTS as a synonym", () => {
    expect(parseConfig({ ...base, ALLOW_PRIVATE_ENDPOINTS: "true" }, "embedded").pushAllowPrivateEndpoints).toBe(true);
    expect(parseConfig({ ...base, PUSH_ALLOW_PRIVATE_ENDPOINTS: "yes" }, "embedded").pushAllowPrivateEndpoints).toBe(true);
    expect(problems({ ALLOW_PRIVATE_ENDPOINTS: "maybe" })).toEqual(["ALLOW_PRIVATE_ENDPOINTS must be true or false"]);
  });
});
