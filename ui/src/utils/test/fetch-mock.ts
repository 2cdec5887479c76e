/**
 * A fetch stand-in for component tests: routes by "METHOD /path" (query string ignored unless the
 * route includes one), records every call, and answers with real `Response` objects.
 */
import { vi } from "vitest";

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export const apiError = (status: number, code: string, detail = code, headers: Record<string, string> = {}): Response =>
  json({ detail, code }, status, headers);

export function mockFetch(routes: Record<string, Handler | Response | unknown>) {
  const calls: RecordedCall[] = [];
  const table = new Map(Object.entries(routes));
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, "http://stellarr.test");
    const method = (init.method ?? "GET").toUpperCase();
    const rawBody = init.body;
    const call: RecordedCall = {
      method,
      url: url.pathname + url.search,
      path: url.pathname,
      headers: new Headers(init.headers),
      body: typeof rawBody === "string" ? JSON.parse(rawBody) : undefined,
    };
    calls.push(call);
    const route = table.get(`${method} ${call.url}`) ?? table.get(`${method} ${call.path}`);
    if (route === undefined) return apiError(404, "not_found", `no route for ${method} ${call.url}`);
    if (typeof route === "function") return (route as Handler)(call);
    if (route instanceof Response) return route.clone();
    return json(route);
  });
  vi.stubGlobal("fetch", fn);
  return {
    calls,
    fn,
    set(key: string, handler: Handler | Response | unknown) {
      table.set(key, handler);
    },
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

/** Lets pending promises and Vue's scheduler settle. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
