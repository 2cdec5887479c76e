/**
 * The SSRF guard a push endpoint passes before it is stored (product.md §7): https only, and every
 * address its host resolves to must be public unless the deployment allows private endpoints.
 * Implemented by `adapters/notify/endpoint-guard.ts` (DNS), injected by the wiring.
 */
export type EndpointCheck = { ok: true } | { ok: false; reason: string };

export interface PushEndpointGuard {
  check(endpoint: string): Promise<EndpointCheck>;
}
