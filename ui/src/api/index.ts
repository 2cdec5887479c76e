/** The app's API: one client instance wired to the session, and one typed function per endpoint. */
import { session } from "@/stores/session.js";
import { createApiClient } from "./client.js";
import { ApiError, toApiError } from "./errors.js";
import { loginProof } from "./login-proof.js";
import type {
  AppConfig,
  AuthParams,
  ChannelList,
  CreateChannelInput,
  CreateChannelResponse,
  TestChannelResponse,
  CreateRequestResponse,
  FeedsResponse,
  FollowResponse,
  FollowsResponse,
  LibraryStatus,
  MediaType,
  PushStatus,
  PushSubscriptionBody,
  RequestsPage,
  SearchResponse,
  TrendingFile,
  VerifyResponse,
} from "./types.js";

export { ApiError, isApiError } from "./errors.js";
export type * from "./types.js";

export const api = createApiClient({
  getToken: () => session.state.token,
  onUnauthorized: () => session.end("expired"),
});

export const loading = api.loading;

/** Plain GET so it matches the `<link rel=preload as=fetch>` in index.html (same URL, mode and credentials). */
export async function fetchConfig(): Promise<AppConfig> {
  const response = await fetch("/config.json");
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as AppConfig;
}

/** Runs the challenge login (product.md §3) and returns the verified name and token. */
export async function login(name: string, password: string, origin = window.location.origin): Promise<VerifyResponse> {
  const params = await api.request<AuthParams>("/api/auth/params", { auth: false, track: true });
  const hash = await loginProof({ password, origin, iterations: params.iterations, challenge: params.challenge });
  return api.request<VerifyResponse>("/api/auth/verify", {
    auth: false,
    track: true,
    json: { origin, challenge: params.challenge, hash, name },
  });
}

/** A trending file; null when the file does not exist (so the caller can fall back to English). */
export async function fetchTrending(type: "all" | MediaType, locale: string, signal?: AbortSignal): Promise<TrendingFile | null> {
  let response: Response;
  try {
    // Plain fetch: trending files are public and HTTP-cacheable (max-age=3600).
    response = await fetch(`/trending-${type}-${locale}.json`, { headers: { accept: "application/json" }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network_error", "Network error");
  }
  if (response.status === 404) return null;
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as TrendingFile;
}

export function search(
  body: { query: string; media_type?: MediaType; page: number; language: string },
  signal?: AbortSignal,
): Promise<SearchResponse> {
  return api.request<SearchResponse>("/api/search", { json: body, signal, track: true });
}

/** What the requester may choose besides the title: the *arr profile and, for a show, the seasons (absent = all). */
export interface RequestChoices {
  profile?: "default" | "4k";
  seasons?: number[];
}

export function createRequest(tmdbId: number, mediaType: MediaType, choices: RequestChoices = {}): Promise<CreateRequestResponse> {
  return api.request<CreateRequestResponse>("/api/request", { json: { tmdb_id: tmdbId, media_type: mediaType, ...choices } });
}

export function deleteRequest(mediaType: MediaType, tmdbId: number): Promise<{ success: boolean }> {
  return api.request(`/api/request/${mediaType}/${tmdbId}`, { method: "DELETE" });
}

export function listChannels(): Promise<ChannelList> {
  return api.request<ChannelList>("/api/channels", { track: true });
}

export function createChannel(body: CreateChannelInput): Promise<CreateChannelResponse> {
  return api.request<CreateChannelResponse>("/api/channels", { json: body });
}

export function deleteChannel(id: string): Promise<{ status: string }> {
  return api.request(`/api/channels/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function testChannel(id: string): Promise<TestChannelResponse> {
  return api.request<TestChannelResponse>(`/api/channels/${encodeURIComponent(id)}/test`, { method: "POST" });
}

/** "Notify me too" on someone else's request (`follow`), or stop (`!follow`). */
export function followRequest(mediaType: MediaType, tmdbId: number, follow: boolean): Promise<FollowResponse> {
  return api.request<FollowResponse>(followPath(mediaType, tmdbId), { method: follow ? "POST" : "DELETE" });
}

const followPath = (mediaType: MediaType, tmdbId: number): string => `/api/request/${mediaType}/${tmdbId}/follow`;

export function listRequests(query: {
  media_type?: MediaType;
  status?: "pending" | "added";
  limit?: number;
  cursor?: string | null;
}): Promise<RequestsPage> {
  const params = new URLSearchParams();
  if (query.media_type) params.set("media_type", query.media_type);
  if (query.status) params.set("status", query.status);
  if (query.limit) params.set("limit", String(query.limit));
  if (query.cursor) params.set("cursor", query.cursor);
  const qs = params.toString();
  return api.request<RequestsPage>(`/api/requests${qs ? `?${qs}` : ""}`, { track: true });
}

/** Library status with a conditional GET: `null` means 304 (the cached copy is current). */
export async function fetchLibraryStatus(etag: string | null): Promise<{ status: LibraryStatus; etag: string | null } | null> {
  const response = await api.send("/api/library-status", { headers: etag ? { "if-none-match": etag } : {} });
  if (response.status === 304) return null;
  return { status: (await response.json()) as LibraryStatus, etag: response.headers.get("etag") };
}

/** The titles the signed-in name follows (pending requests only), wherever the follow was made. */
export function fetchFollows(): Promise<FollowsResponse> {
  return api.request<FollowsResponse>("/api/follows");
}

export function fetchFeeds(): Promise<FeedsResponse> {
  return api.request<FeedsResponse>("/api/feeds");
}

export async function fetchVapidKey(): Promise<string> {
  return (await api.request<{ public_key: string }>("/api/push/vapid-public-key")).public_key;
}

export function subscribePush(body: PushSubscriptionBody): Promise<{ status: string }> {
  return api.request("/api/push/subscribe", { json: body });
}

export async function unsubscribePush(endpoint: string): Promise<void> {
  try {
    await api.request("/api/push/subscribe", { method: "DELETE", json: { endpoint } });
  } catch (err) {
    // The server no longer knows this device: that is the state we wanted.
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  }
}

export function pushStatus(endpoint?: string): Promise<PushStatus> {
  return api.request<PushStatus>(`/api/push/status${endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : ""}`);
}
