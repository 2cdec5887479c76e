/**
 * Every route's OpenAPI description, one module per route file (`routes/<area>.openapi.ts`), and
 * the schemas named in `components/schemas`. A route registered without a description fails the
 * test `test/http/openapi/registry.test.ts`.
 */
import { MediaRequestSchema } from "../../contract/api/requests.responses.js";
import { SearchResult } from "../../contract/api/search.responses.js";
import { Feed } from "../../contract/api/feeds.responses.js";
import { arrNamedSchemas, arrRouteDocs } from "../routes/arr.openapi.js";
import { authRouteDocs } from "../routes/auth.openapi.js";
import { channelRouteDocs } from "../routes/channels.openapi.js";
import { feedRouteDocs } from "../routes/feeds.openapi.js";
import { followRouteDocs } from "../routes/follows.openapi.js";
import { mediaServerRouteDocs } from "../routes/media-servers.openapi.js";
import { plexRouteDocs } from "../routes/plex.openapi.js";
import { pushRouteDocs } from "../routes/push.openapi.js";
import { requestRouteDocs } from "../routes/requests.openapi.js";
import { searchRouteDocs } from "../routes/search.openapi.js";
import { syncNamedSchemas, syncRouteDocs } from "../routes/sync.openapi.js";
import { systemRouteDocs } from "../routes/system.openapi.js";
import type { RouteDoc } from "./describe.js";
import type { NamedSchema } from "./document.js";

export const routeDocs: RouteDoc[] = [
  ...systemRouteDocs,
  ...authRouteDocs,
  ...searchRouteDocs,
  ...requestRouteDocs,
  ...followRouteDocs,
  ...feedRouteDocs,
  ...arrRouteDocs,
  ...pushRouteDocs,
  ...plexRouteDocs,
  ...mediaServerRouteDocs,
  ...syncRouteDocs,
  ...channelRouteDocs,
];

export const namedSchemas: NamedSchema[] = [
  { schema: MediaRequestSchema, id: "MediaRequest" },
  { schema: SearchResult, id: "SearchResult" },
  { schema: Feed, id: "Feed" },
  ...syncNamedSchemas,
  ...arrNamedSchemas,
];
