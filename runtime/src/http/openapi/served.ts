/**
 * The document as served: built once per app on the first `GET /api/openapi.json` (this module is
 * a lazy chunk: zod's JSON Schema generator and the descriptions never load on a cold start),
 * serialised, with its ETag.
 */
import { bodyEtag } from "../cached-read.js";
import { buildOpenApiDocument } from "./document.js";
import { namedSchemas, routeDocs } from "./registry.js";

export interface ServedDocument {
  body: string;
  etag: string;
}

export function serveOpenApiDocument(): ServedDocument {
  const body = JSON.stringify(buildOpenApiDocument(routeDocs, namedSchemas));
  return { body, etag: bodyEtag(body) };
}
