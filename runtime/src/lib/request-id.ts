/**
 * Request ids (`X-Request-Id`, the `request_id` of log lines): time, a counter and a random tail.
 * Each source of answers has its own counter: the app (one per app instance) and the Node adapter
 * for the transport-level errors it answers without the app.
 */
export function requestIds(): () => string {
  let counter = 0;
  return () => `${Date.now().toString(36)}-${(counter = (counter + 1) % 1e9).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
