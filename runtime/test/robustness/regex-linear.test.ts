/**
 * The regular expressions that see untrusted input (Plex payloads and guids, multipart headers,
 * catalogue text) do work linear in its length (the Plex title is tested in domain/plex/title.test.ts) — counted, never timed: `measureRegexWork` reports
 * the backtracks V8 needed, and 4× the input may cost at most 4× the work (quadratic would be 16×).
 */
import { fileURLToPath } from "node:url";
import { measureRegexWork } from "@stellarr/testkit/regex-work";
import { describe, expect, it } from "vitest";

const RUNTIME = fileURLToPath(new URL("../..", import.meta.url));
const PROBES = "test/robustness/regex-probes.ts";

const cases: [file: string, name: string, hostile: (n: number) => string][] = [
  ["src/domain/plex/guid.ts", "parseGuidEntry", (n) => `${"a".repeat(n)}:`],
  ["src/domain/plex/guid.ts", "idsFromAgentGuid", (n) => `com.plexapp.agents.hama://${"tvdb-".repeat(n)}`],
  ["src/http/multipart.ts", "multipartBoundary", (n) => `multipart/form-data; boundary=${"a".repeat(n)}`],
  [PROBES, "multipartWithHeader", (n) => `Content-Disposition: form-data${";name=".repeat(n)}`],
  [PROBES, "multipartWithHeader", (n) => `Content-Disposition: form-data; name="${"\\a".repeat(n)}`],
  ["src/domain/catalogue/search-text.ts", "words", (n) => `a${" -".repeat(n)}b`],
  ["src/domain/catalogue/normalise.ts", "normaliseImdbId", (n) => `tt${"1".repeat(n)}x`],
];

describe("regexes on untrusted input", () => {
  it.each(cases)("%s %s: linear work", async (file, name, hostile) => {
    const [small, large] = await measureRegexWork(RUNTIME + file, name, [[hostile(500)], [hostile(2000)]]);
    expect(large.backtracks).toBeLessThanOrEqual(4 * small.backtracks + 16);
  });
});
