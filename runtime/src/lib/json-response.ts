/** JSON responses: `application/json; charset=utf-8` everywhere (the app, the static files, the Lambda entry). */
export const JSON_TYPE = "application/json; charset=utf-8";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } });
}
