/** OpenAPI descriptions of `system.ts` and `openapi.ts`. */
import * as z from "zod/mini";
import { AppConfig, HealthResponse, ReadyResponse } from "../../contract/api/system.responses.js";
import { WebManifest } from "../../contract/manifest.js";
import { CACHE_CONTROL, ETAG, NOT_MODIFIED, type RouteDoc } from "../openapi/describe.js";

export const systemRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/health",
    tag: "system",
    summary: "Liveness, version and the configured storage and catalogue",
    auth: "none",
    store: false,
    responses: { 200: { description: "The server is up", schema: HealthResponse } },
  },
  {
    method: "GET",
    path: "/api/ready",
    tag: "system",
    summary: "Readiness: the store answers",
    auth: "none",
    responses: { 200: { description: "The store answered", schema: ReadyResponse } },
  },
  {
    method: "GET",
    path: "/config.json",
    tag: "system",
    summary: "The web app's runtime settings",
    auth: "none",
    store: false,
    responses: { 200: { description: "The settings", schema: AppConfig, headers: { "cache-control": CACHE_CONTROL } } },
  },
  {
    method: "GET",
    path: "/manifest.webmanifest",
    tag: "system",
    summary: "The web app manifest (named after APP_NAME)",
    auth: "none",
    store: false,
    responses: {
      200: {
        description: "The manifest",
        schema: WebManifest,
        contentType: "application/manifest+json",
        headers: { "cache-control": CACHE_CONTROL },
      },
    },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "system",
    summary: "This document",
    description: "OpenAPI 3.1, generated from the schemas the routes validate with. Cacheable: send the ETag back in If-None-Match.",
    auth: "none",
    store: false,
    responses: {
      // The document describes itself as any JSON object (its own meta-schema is OpenAPI's).
      200: {
        description: "The OpenAPI document",
        schema: z.looseObject({ openapi: z.string() }),
        headers: { etag: ETAG, "cache-control": CACHE_CONTROL },
      },
      304: NOT_MODIFIED,
    },
  },
];
