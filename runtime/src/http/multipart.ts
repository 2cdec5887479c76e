/**
 * A small streaming `multipart/form-data` reader (RFC 7578 / RFC 2046) for the Plex webhook:
 * keeps the text parts it is asked for and streams every other part (Plex's `thumb` JPEG) past
 * without buffering it. Works on any Web `Request` body (Node streams a socket; Lambda wraps a
 * buffer). The whole body is capped (413); malformed or truncated bodies are 400 `invalid_multipart`.
 *
 * How it works: the stream is prefixed with a virtual CRLF so every boundary, the first included,
 * is the same delimiter `\r\n--<boundary>`; the search keeps the last `delimiter.length - 1`
 * bytes between chunks, so a delimiter split across chunks is still found.
 */
import { HttpError } from "./errors.js";

export interface MultipartOptions {
  /** Cap on the whole body (bytes read from the stream). */
  maxBytes: number;
  /** Names of the parts to keep as text; all other parts are skipped. */
  keep: readonly string[];
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

type State = "preamble" | "after-delimiter" | "headers" | "body" | "done";

/** The boundary of a `multipart/form-data` content type, or null when the type is something else. */
export function multipartBoundary(contentType: string | null): string | null | "missing" {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(";");
  if (type!.trim().toLowerCase() !== "multipart/form-data") return null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // RFC 2046: 1–70 characters from a restricted set.
    if (/^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(value) && !value.endsWith(" ")) return value;
    return "missing";
  }
  return "missing";
}

/** Reads the kept text parts of a multipart body. The caller has checked the content type. */
export async function readMultipartFields(request: Request, options: MultipartOptions): Promise<Map<string, string>> {
  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (boundary === null || boundary === "missing") throw malformed("Missing or invalid multipart boundary");
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > options.maxBytes) throw tooLarge(options.maxBytes);

  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = new Set(options.keep);
  const fields = new Map<string, string>();
  const reader = request.body?.getReader();
  if (!reader) throw malformed("Empty multipart body");

  let buf: Buffer = Buffer.from(CRLF);
  let total = 0;
  let ended = false;
  let state = "preamble" as State;
  let keeping: string | null = null;
  let partChunks: Buffer[] = [];

  const finishPart = () => {
    if (keeping !== null && !fields.has(keeping)) {
      try {
        fields.set(keeping, new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(partChunks)));
      } catch {
        throw malformed(`Part "${keeping}" is not valid UTF-8`);
      }
    }
    keeping = null;
    partChunks = [];
  };

  try {
    for (;;) {
      // Advance the state machine as far as the buffered bytes allow.
      let progressed = true;
      while (progressed && state !== "done") {
        progressed = false;
        if (state === "preamble" || state === "body") {
          const at = buf.indexOf(delimiter);
          if (at >= 0) {
            if (state === "body") {
              if (keeping !== null) partChunks.push(buf.subarray(0, at));
              finishPart();
            }
            buf = buf.subarray(at + delimiter.length);
            state = "after-delimiter";
            progressed = true;
          } else {
            // Keep a tail that may be the start of a delimiter split across chunks.
            const safe = buf.length - (delimiter.length - 1);
            if (safe > 0) {
              if (state === "body" && keeping !== null) partChunks.push(Buffer.from(buf.subarray(0, safe)));
              buf = buf.subarray(safe);
            }
          }
        } else if (state === "after-delimiter") {
          if (buf.length >= 2 && buf[0] === 0x2d && buf[1] === 0x2d) {
            state = "done";
            break;
          }
          // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
          let i = 0;
          while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
          if (i > 1024) throw malformed("Malformed multipart delimiter");
          if (buf.length - i >= 2) {
            if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw malformed("Malformed multipart delimiter");
            // Leave the CRLF in place: the header block is then "\r\n<headers>\r\n\r\n" (or just "\r\n\r\n").
            buf = buf.subarray(i);
            state = "headers";
            progressed = true;
          }
        } else if (state === "headers") {
          const end = buf.indexOf(HEADER_END);
          if (end < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw malformed("Multipart part headers too large");
            continue;
          }
          const name = partName(buf.subarray(2, Math.max(2, end)).toString("latin1"));
          keeping = name !== null && keep.has(name) ? name : null;
          buf = buf.subarray(end + HEADER_END.length);
          state = "body";
          progressed = true;
        }
      }
      if (state === "done") break;
      if (ended) throw malformed("Multipart body is truncated");
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        continue;
      }
      total += value.byteLength;
      if (total > options.maxBytes) throw tooLarge(options.maxBytes);
      buf = buf.length === 0 ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.concat([buf, value]);
    }
  } finally {
    // The epilogue is never read: after the closing boundary the reader just lets go of the stream
    // (cancelling it costs an AbortError per webhook on Node, and the server drains what is left).
    // After an error the stream is cancelled.
    if (!ended) {
      if (state === "done") reader.releaseLock();
      else await reader.cancel().catch(() => {});
    }
  }
  return fields;
}

/** The `name` of a part from its header block (`Content-Disposition: form-data; name="payload"`). */
function partName(headerBlock: string): string | null {
  for (const line of headerBlock.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) {
      if (line.trim() === "") continue;
      throw malformed("Malformed multipart part header");
    }
    if (line.slice(0, colon).trim().toLowerCase() !== "content-disposition") continue;
    const m = /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(line.slice(colon + 1));
    if (!m) return null;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!;
  }
  return null;
}

const malformed = (detail: string) => new HttpError(400, "invalid_multipart", detail);
const tooLarge = (max: number) => new HttpError(413, "payload_too_large", `Request body exceeds ${max} bytes`);
