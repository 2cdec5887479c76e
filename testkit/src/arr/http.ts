/**
 * The HTTP side of Radarr's and Sonarr's instance lists, replayed: how `RadarrV3Proxy` /
 * `SonarrV3Proxy` build a request from the list's "Full URL" and how their `HttpClient` reports
 * failures (NzbDrone.Common/Http: `HttpRequestBuilder`, `HttpUri`, `HttpClient`, `HttpException`,
 * identical in Radarr v5.28–develop and Sonarr v4.0.19).
 *
 * - URL: `BaseUrl.TrimEnd('/')`, then the base *path* joined to the resource with exactly one `/`
 *   (`HttpUri.CombinePath`); a query in the Full URL is kept and the list's own parameters are
 *   appended after it (`AddQueryParams`), values as C# prints them (`true` → `True`).
 * - Headers: `Accept: application/json` and `X-Api-Key: <API Key>`, and `Accept-Encoding: gzip, br`:
 *   `Http/Dispatchers/ManagedHttpDispatcher.cs` gives .NET's SocketsHttpHandler
 *   `AutomaticDecompression = GZip | Brotli`, whose DecompressionHandler adds that header and
 *   decodes the answer (fetch here decodes it likewise).
 * - Redirects: production builds follow up to 5 (`HttpClient.MaxRedirects`), re-sending the same
 *   headers — the API key included — to the new location; development builds do not, and the
 *   list then reports a 3xx as a wrong URL base.
 * - Status ≥ 400 → `HttpException` ("HTTP request failed: [401:Unauthorized] [GET] at [url]");
 *   the proxy's `Execute` also throws for an unfollowed 3xx (`(int)StatusCode >= 300`).
 */

export type ArrApp = "Radarr" | "Sonarr";

export interface ReplayOptions {
  /** `RuntimeInfo.IsProduction`: production builds (every release) follow redirects. Default "production". */
  build?: "production" | "development";
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per request. Default 10 s (the apps allow far longer; tests should not wait that long). */
  timeoutMs?: number;
}

export interface ArrCall {
  method: "GET";
  url: string;
  headers: Record<string, string>;
  /** null when the request never got a response (connection refused, timeout). */
  status: number | null;
  /** The `Location` of a 3xx answer. */
  location?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

const STATUS_NAMES: Record<number, string> = {
  301: "MovedPermanently",
  302: "Redirect",
  303: "RedirectMethod",
  307: "TemporaryRedirect",
  308: "PermanentRedirect",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableEntity",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/** `NzbDrone.Common.Http.HttpException`: a response the client or the proxy refused. */
export class ArrHttpException extends Error {
  override readonly name = "HttpException";
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(`HTTP request failed: [${status}:${STATUS_NAMES[status] ?? status}] [GET] at [${url}]`);
  }
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
  /** `HttpResponse.HasHttpRedirect`. */
  get isRedirect(): boolean {
    return REDIRECTS.has(this.status);
  }
}

/** A request that got no usable response (.NET `WebException`, `TaskCanceledException`). */
export class ArrTransportError extends Error {
  override readonly name = "WebException";
}

/** `!string.IsNullOrWhiteSpace(s)`. */
export const hasText = (s: string | null | undefined): s is string => typeof s === "string" && s.trim() !== "";

/**
 * The URL a list requests for `resource` (`/api/v3/movie`, or `api/v3/rootfolder` as the
 * proxies spell that one) under the list's Full URL.
 */
export function arrRequestUrl(baseUrl: string, resource: string, query: readonly [string, string][] = []): string {
  const base = new URL(baseUrl.replace(/\/+$/, ""));
  const basePath = base.pathname === "/" ? "" : base.pathname;
  const path = `${basePath.replace(/\/+$/, "")}/${resource.replace(/^\/+/, "")}`;
  let search = base.search.replace(/^\?/, "");
  for (const [k, v] of query) search += `${search ? "&" : ""}${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  return `${base.protocol}//${base.host}${path}${search ? `?${search}` : ""}`;
}

/**
 * The settings validator both lists run before Test and Save (`ValidRootUrl`, `ApiKey.NotEmpty`):
 * the property and message the UI shows, or null.
 */
export function validateListSettings(baseUrl: string, apiKey: string): { property: string; message: string } | null {
  let valid = hasText(baseUrl) && baseUrl === baseUrl.trim() && /^http/i.test(baseUrl);
  if (valid) {
    try {
      new URL(baseUrl);
    } catch {
      valid = false;
    }
  }
  if (!valid) return { property: "BaseUrl", message: "must be valid URL that starts with http(s)://" };
  if (!hasText(apiKey)) return { property: "ApiKey", message: "'Api Key' must not be empty." };
  return null;
}

/** One `GET` as the proxy makes it; returns the response body, throws as the apps do. */
export async function arrGet(
  app: ArrApp,
  baseUrl: string,
  apiKey: string,
  resource: string,
  query: readonly [string, string][],
  opts: ReplayOptions,
  calls: ArrCall[],
): Promise<string> {
  const doFetch = opts.fetch ?? fetch;
  const follow = (opts.build ?? "production") === "production";
  const headers = {
    accept: "application/json",
    "accept-encoding": "gzip, br",
    "x-api-key": apiKey,
    "user-agent": `${app}/replay (@stellarr/testkit)`,
  };
  let url = arrRequestUrl(baseUrl, resource, query);
  const chain = [url];
  for (;;) {
    const call: ArrCall = { method: "GET", url, headers: { ...headers }, status: null };
    calls.push(call);
    let res: Response;
    try {
      res = await doFetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ArrTransportError(cause?.code ?? cause?.message ?? (err as Error).message);
    }
    call.status = res.status;
    const body = await res.text();
    const location = res.headers.get("location");
    if (location !== null) call.location = location;
    if (follow && REDIRECTS.has(res.status) && location !== null) {
      url = new URL(location, url).toString();
      chain.push(url);
      if (chain.length > MAX_REDIRECTS) {
        throw new ArrTransportError(`Too many automatic redirections were attempted for ${chain.join(" -> ")}`);
      }
      continue;
    }
    if (res.status >= 300) throw new ArrHttpException(res.status, url, body);
    return body;
  }
}
