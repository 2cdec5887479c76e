/**
 * The requests list for one type/status filter: the first page, further pages by cursor, the
 * server's counts per type and status, and removal. Load failures are shown as error toasts; a
 * filter change (a new `load()`) supersedes pages still on their way.
 */
import { ref, shallowRef } from "vue";
import { deleteRequest, listRequests } from "@/api/index.js";
import { errorMessage } from "@/api/messages.js";
import type { ListedRequest, MediaRequest, MediaType, StatusCounts } from "@/api/types.js";
import { t } from "@/i18n/index.js";
import { followTitle } from "./useFollowTitle.js";
import { follows } from "@/stores/follows.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";

export type TypeFilter = "all" | MediaType;
export type StatusFilter = "all" | "pending" | "added";

export interface RequestFilter {
  type: TypeFilter;
  status: StatusFilter;
}

/** Requests per page. */
export const REQUEST_PAGE = 48;

const keyOf = (r: Pick<MediaRequest, "media_type" | "tmdb_id">): string => `${r.media_type}-${r.tmdb_id}`;
const types = (filter: TypeFilter): MediaType[] => (filter === "all" ? ["movie", "tv"] : [filter]);

export function useRequestList(filter: () => RequestFilter) {
  const requests = shallowRef<ListedRequest[]>([]);
  const counts = ref<StatusCounts>({ movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } });
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const failed = ref(false);
  let generation = 0;

  const page = (next: string | null) => {
    const { type, status } = filter();
    return listRequests({
      media_type: type === "all" ? undefined : type,
      status: status === "all" ? undefined : status,
      limit: REQUEST_PAGE,
      cursor: next,
    });
  };

  /** How many requests the server counts for a type and status (all of them, not only the loaded ones). */
  const countFor = (type: TypeFilter, status: StatusFilter): number =>
    types(type).reduce((sum, m) => sum + (status === "all" ? counts.value[m].pending + counts.value[m].added : counts.value[m][status]), 0);

  // The server's word on what the signed-in name follows, for the cards on the other pages.
  const learnFollows = (page: readonly ListedRequest[]): void => {
    if (session.state.name) follows.learn(session.state.name, page);
  };

  /** The first page for the current filter; false when it failed or a newer load superseded it. */
  async function load(): Promise<boolean> {
    const run = ++generation;
    loading.value = true;
    failed.value = false;
    try {
      const first = await page(null);
      if (run !== generation) return false;
      requests.value = first.requests;
      learnFollows(first.requests);
      counts.value = first.counts;
      cursor.value = first.next_cursor;
      return true;
    } catch (err) {
      if (run !== generation) return false;
      failed.value = true;
      toasts.error(`${t("requests.failedToLoad")} ${errorMessage(err)}`);
      return false;
    } finally {
      if (run === generation) loading.value = false;
    }
  }

  /** Appends the next page; false when there is none, one is on its way, or it failed. */
  async function loadMore(): Promise<boolean> {
    if (!cursor.value || loadingMore.value || loading.value) return false;
    const run = generation;
    loadingMore.value = true;
    try {
      const next = await page(cursor.value);
      if (run !== generation) return false;
      const seen = new Set(requests.value.map(keyOf));
      requests.value = [...requests.value, ...next.requests.filter((r) => !seen.has(keyOf(r)))];
      learnFollows(next.requests);
      counts.value = next.counts;
      cursor.value = next.next_cursor;
      return true;
    } catch (err) {
      toasts.error(`${t("requests.failedToLoad")} ${errorMessage(err)}`);
      return false;
    } finally {
      loadingMore.value = false;
    }
  }

  /** Loads further pages (at most `maxPages`) until the request `key` (`movie-603`) is in the list. */
  async function loadUntil(key: string, maxPages: number): Promise<boolean> {
    const present = (): boolean => requests.value.some((r) => keyOf(r) === key);
    for (let i = 0; i < maxPages && !present(); i++) if (!(await loadMore())) break;
    return present();
  }

  /** Deletes a request (server first), then drops it from the list, the counts and the badges. */
  async function remove(target: MediaRequest): Promise<boolean> {
    try {
      await deleteRequest(target.media_type, target.tmdb_id);
    } catch (err) {
      toasts.error(`${t("removeDialog.failed")} ${errorMessage(err)}`);
      return false;
    }
    requests.value = requests.value.filter((r) => keyOf(r) !== keyOf(target));
    const bucket = counts.value[target.media_type];
    const status = target.added_at ? "added" : "pending";
    counts.value = { ...counts.value, [target.media_type]: { ...bucket, [status]: Math.max(0, bucket[status] - 1) } };
    library.markRemoved(target.media_type, target.tmdb_id);
    toasts.success(t("requests.removed", { title: target.title ?? "" }));
    return true;
  }

  /** Follows or unfollows a request (server first), then shows its new followers. */
  async function setFollowing(target: ListedRequest, follow: boolean): Promise<boolean> {
    const result = await followTitle(target, follow);
    if (!result) return false;
    const me = session.state.name;
    const followers = result.followers ?? target.followers.filter((n) => n !== me);
    requests.value = requests.value.map((r) => (keyOf(r) === keyOf(target) ? { ...r, followers } : r));
    return true;
  }

  return { requests, counts, cursor, loading, loadingMore, failed, countFor, load, loadMore, loadUntil, remove, setFollowing };
}
