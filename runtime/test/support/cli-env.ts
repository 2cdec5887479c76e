/** Test environment for the plex-sync CLI: a real Stellarr HTTP server (the app over a store), a fake Plex server, captured output. */
import type { AddressInfo } from "node:net";
import { createNodeServer } from "../../src/adapters/node/http-server.js";
import type { App } from "../../src/http/app.js";
import type { CliIo } from "../../src/wiring/cli.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, fakeCatalogue, recordingNotifier, type RecordingNotifier } from "@stellarr/testkit/plex";

export interface StellarrServer {
  url: string;
  t: TestApp;
  notifier: RecordingNotifier;
  /** Requests seen, by pathname. */
  hits: string[];
  /** Called before each request reaches the app; may return a Response to answer instead. */
  intercept: ((request: Request, index: number) => Response | null | Promise<Response | null>) | null;
  close(): Promise<void>;
}

/** `finds`: more TMDB /find answers (`"imdb_id:tt…"` → ids) beside the fake Plex library's. */
export async function startStellarr(factory: StoreFactory, finds: Parameters<typeof fakeCatalogue>[0] = {}): Promise<StellarrServer> {
  const made = await factory.create();
  const notifier = recordingNotifier();
  // TheTVDB ids of the legacy-agent shows in the fake Plex library, mapped by TMDB /find.
  const catalogue = fakeCatalogue({ "tvdb_id:81189": { tv_ids: [1396] }, "tvdb_id:73546": { tv_ids: [1400] }, ...finds });
  const t = await createTestApp({ store: made.store, catalogue, notifier, config: { webhookToken: WEBHOOK_TOKEN } });
  const hits: string[] = [];
  const server: StellarrServer = {
    url: "",
    t,
    notifier,
    hits,
    intercept: null,
    async close() {
      await new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      });
      await made.cleanup();
    },
  };
  const app: App = {
    routes: () => t.app.routes(),
    async fetch(request, info) {
      hits.push(new URL(request.url).pathname);
      const replaced = server.intercept ? await server.intercept(request, hits.length) : null;
      return replaced ?? t.app.fetch(request, info);
    },
  };
  const http = createNodeServer(app);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}

export interface Captured extends CliIo {
  output(): string;
  errors(): string;
}

export function captureIo(opts: { tty?: boolean; env?: Record<string, string> } = {}): Captured {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s) => void (out += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s) => void (err += s) },
    env: opts.env ?? {},
    fetch: globalThis.fetch,
    retry: { baseDelayMs: 1, timeoutMs: 30_000 },
    output: () => out,
    errors: () => err,
  };
}
