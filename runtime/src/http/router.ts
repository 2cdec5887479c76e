/** The router type shared by the route modules (itty-router 5, handlers receive the request and the per-request context). */
import type { IRequest, RouterType } from "itty-router";
import type { Deadline } from "../lib/deadline.js";
import type { AppState } from "./app-state.js";
import type { AppDeps } from "./deps.js";

/** Per-request facts the entry adapter knows (socket address) and the app derives (request id, client IP). */
export interface RequestContext {
  requestId: string;
  /** Client IP after TRUST_PROXY rules. */
  clientIp: string;
  /** Public origin (`BASE_URL`'s origin, or the request's own as seen through the trusted proxy). */
  origin: string;
  /** When every outbound call of this request must have ended (`lib/deadline.ts`); also the request's `currentDeadline()`. */
  deadline: Deadline;
  /** The host kills the request shortly after `deadline` (Lambda): `middleware/host-deadline.ts` answers first. */
  hostDeadline: boolean;
}

export type AppRequest = IRequest & { ctx: RequestContext };
export type AppRouter = RouterType<AppRequest, [], Response>;

/** A route module registers its routes on the shared router: parse → call (`app/`) → shape. */
export type RouteModule = (router: AppRouter, deps: AppDeps, state: AppState) => void;
