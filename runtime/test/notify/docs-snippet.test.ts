/**
 * The verification snippet in docs/notifications.md works: extracted from the page and run
 * against requests the runtime signs.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelRequest, type ChannelFulfilment } from "../../src/domain/notify/messages.js";

type Verify = (header: string | undefined, rawBody: Buffer | string, secret: string, nowSeconds?: number) => boolean;

const DOC = new URL("../../../docs/notifications.md", import.meta.url);
const secret = "docs-secret-0123456789";
const fulfilment: ChannelFulfilment = {
  media_type: "tv",
  tmdb_id: 1399,
  title: "Juego de tronos — ñ",
  year: 2011,
  poster_path: null,
  requested_by: "alice",
  followers: [],
  url: "https://stellarr.example/requests?status=added&focus=tv-1399",
};

describe("docs/notifications.md verification snippet", () => {
  let dir: string;
  let verify: Verify;
  beforeAll(async () => {
    const doc = await readFile(DOC, "utf8");
    const block = /<!-- verify-snippet[^>]*-->\s*```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block, "the marked js block").toBeDefined();
    dir = await mkdtemp(join(tmpdir(), "notify-doc-"));
    const file = join(dir, "verify.mjs");
    await writeFile(file, block!);
    ({ verifyStellarrSignature: verify } = (await import(pathToFileURL(file).href)) as { verifyStellarrSignature: Verify });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const now = Date.UTC(2026, 0, 5, 18, 30);
  const signed = () => channelRequest({ type: "webhook", url: "https://hooks.example/in", secret }, fulfilment, "en", now);

  it("accepts what Stellarr signs, as raw bytes or string", () => {
    const { headers, body } = signed();
    expect(verify(headers["x-stellarr-signature"], Buffer.from(body, "utf8"), secret, now / 1000)).toBe(true);
    expect(verify(headers["x-stellarr-signature"], body, secret, now / 1000 + 299)).toBe(true);
  });

  it("refuses other bytes, another secret, stale or missing signatures", () => {
    const { headers, body } = signed();
    const header = headers["x-stellarr-signature"];
    expect(verify(header, body.replace("alice", "mallory"), secret, now / 1000)).toBe(false);
    expect(verify(header, body, `${secret}x`, now / 1000)).toBe(false);
    expect(verify(header, body, secret, now / 1000 + 301)).toBe(false);
    expect(verify(undefined, body, secret, now / 1000)).toBe(false);
    expect(verify("t=abc,v1=00", body, secret, now / 1000)).toBe(false);
  });
});
