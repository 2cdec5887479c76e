/**
 * The bodies of the Radarr and Sonarr "instance" source API, `GET /arr/{radarr,sonarr}/api/v3/*`
 * (product.md §6.1, docs/arr-instance.md): only the fields the *arrs' import-list code reads. The
 * *arrs parse with Json.NET, where a `null` in a non-nullable field fails the whole list, so an
 * unknown value is omitted (optional), never null. What the server parses; the answers' schemas are
 * in `arr.responses.ts`, which a cold start does not load.
 */
import * as z from "zod/mini";

/** `?status=` as for the feeds; `excludeLocalCovers` (Radarr sends `True`) and `apikey` are accepted and ignored here. */
export const ArrListQuery = z.looseObject({
  status: z.optional(z.enum(["pending", "all"], "status must be pending or all")),
  excludeLocalCovers: z.optional(z.string()),
});
