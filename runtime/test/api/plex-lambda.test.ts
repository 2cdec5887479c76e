/** The webhook through the Lambda Function URL adapter: a base64 multipart body (payload + binary thumb) arrives as a buffer-backed Request. */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toRequest, toResult } from "../../src/adapters/lambda/function-url.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, fakeCatalogue, plexFixture, plexForm } from "@stellarr/testkit/plex";

describe.each(storeFactories)("Plex webhook on Lambda ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({
      store: made.store,
      catalogue: fakeCatalogue({ "tvdb_id:8031280": { episode_show_ids: [82728] } }),
      config: { webhookToken: WEBHOOK_TOKEN },
    });
  });
  afterEach(async () => cleanup());

  async function invoke(form: FormData, token = WEBHOOK_TOKEN) {
    const encoded = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const { request, remoteAddress } = toRequest({
      version: "2.0",
      rawPath: "/webhook/plex",
      rawQueryString: `token=${token}`,
      headers: { "content-type": encoded.headers.get("content-type")!, host: "abc.lambda-url.eu-west-1.on.aws" },
      body: body.toString("base64"),
      isBase64Encoded: true,
      requestContext: { http: { method: "POST", sourceIp: "203.0.113.9" } },
    });
    return toResult(await t.app.fetch(request, { remoteAddress }));
  }

  it("processes a base64-encoded multipart body with a binary thumb", async () => {
    const form = plexForm(plexFixture("library.new_episode_plex-agent.json"));
    form.set("thumb", new Blob([randomBytes(50_000)], { type: "image/jpeg" }), "thumb.jpg");
    const result = await invoke(form);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: "success", tmdb_id: 82728, matched_by: "episode_lookup" });
    expect(await t.store.libraryIds("tv")).toEqual([82728]);
  });

  it("token errors look the same on Lambda", async () => {
    const result = await invoke(plexForm(plexFixture("library.new_episode_plex-agent.json")), "wrong");
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ code: "invalid_token" });
  });
});
