/** Entry points for `measureRegexWork` that need more than plain JSON arguments. */
import { readMultipartFields } from "../../src/http/multipart.js";

/** The multipart reader on one part with the given header line (the part-name parser is private). */
export async function multipartWithHeader(header: string): Promise<Map<string, string> | string> {
  const body = `--b\r\n${header}\r\n\r\nvalue\r\n--b--\r\n`;
  const request = new Request("http://localhost/", {
    method: "POST",
    body,
    headers: { "content-type": "multipart/form-data; boundary=b" },
  });
  try {
    return await readMultipartFields(request, { maxBytes: 1 << 20, keep: ["payload"] });
  } catch (err) {
    return (err as Error).message;
  }
}
