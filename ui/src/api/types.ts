/**
 * Wire shapes of the Stellarr API (product.md §4) as the UI uses them: the server's own types,
 * from `@stellarr/runtime/contract` (type-only: nothing of the runtime lands in the bundle), so the
 * UI cannot drift from what the server sends.
 */
export type {
  AppConfig,
  AuthParams,
  Channel,
  ChannelList,
  CreateChannelInput,
  CreateChannelResponse,
  TestChannelResponse,
  CreateRequestResponse,
  Feed,
  FeedsResponse,
  FollowResponse,
  FollowsResponse,
  ListedRequest,
  InstanceFeed,
  LibraryStatus,
  MediaItem,
  MediaRequest,
  MediaType,
  PushStatus,
  PushSubscriptionBody,
  RequestsPage,
  SearchResponse,
  StatusCounts,
  TrendingFile,
  VerifyResponse,
} from "@stellarr/runtime/contract";

/**
 * What an error body may hold: untrusted (a proxy or a captive portal answers too), so every field
 * is checked before use. The server's own is `ErrorResponse` `{detail, code, errors?}`.
 */
export interface ErrorBody {
  detail?: unknown;
  code?: unknown;
  errors?: { path: (string | number)[]; message: string }[];
}
