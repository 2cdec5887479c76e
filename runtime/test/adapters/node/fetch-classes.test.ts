/**
 * Node's fetch classes load when first needed (adapters/fetch-light/fetch-classes.ts): the embedded server
 * answers a JSON request without loading undici, and the stand-ins still behave as the native
 * classes — `instanceof`, their members, Response's statics — whoever loads them first. Each case runs
 * in a fresh Node process: in this one the classes are long loaded.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const SRC = new URL("../../../src/adapters/node/", import.meta.url).href;
const LIGHT = new URL("../../../src/adapters/fetch-light/", import.meta.url).href;

/** Runs `body` (an async function body) in a fresh process through tsx, returns what it prints as JSON. */
function inFreshProcess(body: string): Record<string, unknown> {
  const script = `
    const undici = () => process.moduleLoadList.some((m) => m.includes("undici"));
    const { createNodeServer } = await import(${JSON.stringify(`${SRC}http-server.ts`)});
    const { LightHeaders } = await import(${JSON.stringify(`${LIGHT}light-headers.ts`)});
    const out = {};
    ${body}
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("Node's fetch classes", () => {
  it("are not loaded to start the server and answer a JSON request; a streamed body loads them", async () => {
    const out = inFreshProcess(`
      out.atLoad = undici();
      const app = {
        fetch: async (request) => {
          const url = new URL(request.url);
          if (url.pathname === "/stream") return new Response(new Blob(["streamed"]).stream());
          const res = new Response(JSON.stringify({ path: url.pathname, agent: request.headers.get("user-agent") }), {
            headers: { "content-type": "application/json" },
          });
          res.headers.set("x-checked", String(res instanceof Response));
          return res;
        },
      };
      const server = createNodeServer(app, { logger: { debug() {}, info() {}, warn() {}, error() {} }, baseUrl: null });
      await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
      out.afterListen = undici();
      const { request } = await import("node:http");
      const get = (path) => new Promise((ok, fail) => {
        request({ host: "127.0.0.1", port: server.address().port, path, headers: { "user-agent": "probe" } }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => ok({ status: res.statusCode, checked: res.headers["x-checked"], text }));
        }).on("error", fail).end();
      });
      out.json = await get("/api/health");
      out.afterJson = undici();
      out.stream = await get("/stream");
      out.afterStream = undici();
      server.close();
    `);
    expect(out).toEqual({
      atLoad: false,
      afterListen: false,
      json: { status: 200, checked: "true", text: JSON.stringify({ path: "/api/health", agent: "probe" }) },
      afterJson: false,
      stream: { status: 200, text: "streamed" },
      afterStream: true,
    });
  }, 60_000);

  it("link the stand-ins when any code reads a global first: instanceof, members and statics as the native ones", async () => {
    const out = inFreshProcess(`
      const { installFastResponse } = await import(${JSON.stringify(`${LIGHT}fast-response.ts`)});
      installFastResponse();
      const headers = new LightHeaders({ "X-A": "1" });
      const response = new Response("hi", { status: 201, headers });
      out.before = undici();
      out.headersIsHeaders = headers instanceof Headers; // the global's first read: loads and links
      out.after = undici();
      out.responseIsResponse = response instanceof Response;
      out.tag = Object.prototype.toString.call(response) + " " + Object.prototype.toString.call(headers);
      out.members = [response.type, response.bodyUsed, await response.clone().text(), await response.text(), response.bodyUsed];
      out.nativeHeaders = new Headers(headers).get("x-a");
      const json = Response.json({ a: 1 });
      out.statics = [json instanceof Response, await json.text(), Response.redirect("https://example.com/", 302).status, Response.error().type];
      out.fetched = (await fetch("data:text/plain,x")) instanceof Response;
    `);
    expect(out).toEqual({
      before: false,
      headersIsHeaders: true,
      after: true,
      responseIsResponse: true,
      tag: "[object Response] [object Headers]",
      members: ["default", false, "hi", "hi", true],
      nativeHeaders: "1",
      statics: [true, '{"a":1}', 302, "error"],
      fetched: true,
    });
  }, 60_000);
});
