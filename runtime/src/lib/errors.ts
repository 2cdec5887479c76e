/** What logs, reports and the CLI say of a thrown value: one place, so no message grows a stack, a key or a URL by accident. */

/** The error's message, never its stack. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface DescribeOptions {
  /** Cut the text to this many characters (status reports stored or returned to a caller). */
  max?: number;
  /** Name a Node system error by its `code` (ECONNRESET…) rather than its class. */
  preferCode?: boolean;
  /** Replace every http(s) URL by `<url>`: push endpoints and signed URLs are capabilities. */
  redactUrls?: boolean;
}

/** `Name: message` (or `CODE: message`), for logs and reports where the kind of error matters. */
export function describeError(err: unknown, opts: DescribeOptions = {}): string {
  let text = String(err);
  if (err instanceof Error) {
    const code = opts.preferCode ? ((err as { code?: unknown }).code as string | undefined) : undefined;
    text = `${code ?? err.name}: ${err.message}`;
  }
  if (opts.redactUrls) text = text.replace(/https?:\/\/\S+/g, "<url>");
  return opts.max === undefined ? text : text.slice(0, opts.max);
}
