/**
 * The CLI's HTTP retry helpers moved to `adapters/http/retry.ts` (shared with the Jellyfin/Emby
 * client); this re-export keeps the existing importers working until they import it from there.
 */
export { fetchWithRetry, HttpFailure, requestWithRetry, type RetryOptions } from "../http/retry.js";
