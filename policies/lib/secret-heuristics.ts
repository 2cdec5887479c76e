// Heuristics for "this environment variable carries a secret". Names catch the honest mistake
// (`TMDB_API_KEY=...`), values catch a secret smuggled in under an innocent name.

// Webhook and notification URLs are credentials themselves (a Discord webhook URL holds its token; ntfy URLs
// carry access tokens or name an unguessable topic): Stellarr's NOTIFY_URLS, the usual *_WEBHOOK_URL.
const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|WEBHOOK_URL|NOTIFY_URL)/i;
// Names that *point at* a secret or describe one without holding it.
const REFERENCE_SUFFIX = /_(ARN|ID|NAME|PARAM|PARAMETER|TTL|SECONDS|MINUTES|HOURS|DAYS|LENGTH|BYTES)$/i;

export function secretLikeName(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const VALUE_KINDS: { kind: string; test: (value: string) => boolean }[] = [
  { kind: "an AWS access key id", test: (v) => /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(v) },
  { kind: "a PEM private key", test: (v) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v) },
  { kind: "a JSON Web Token", test: (v) => /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/.test(v) },
  { kind: "a URL with embedded credentials", test: (v) => /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(v) },
  {
    // Random tokens: a long run of letters and digits with high entropy. Splitting on separators first keeps
    // generated resource names (`stellarr-prod-trending-4f3e2d1`) and ARNs out.
    kind: "a high-entropy token",
    test: (v) =>
      v.split(/[-_.:/?=&@,;\s]+/).some((part) => part.length >= 20 && /[a-z]/i.test(part) && /\d/.test(part) && entropy(part) >= 3.2),
  },
];

// Public keys (VAPID_PUBLIC_KEY) look random by nature; their names say they are meant to be shared.
const PUBLIC_NAME = /PUBLIC/i;
// So do identifiers: a Jellyfin or Emby server id (JELLYFIN_SERVER_ID) is a GUID, 32 hex digits with or without
// dashes. Exempt only that pairing — an *_ID name holding a GUID — so a token under an *_ID name is still caught.
const ID_NAME = /_ID$/i;
const GUID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function exemptFromEntropy(name: string, value: string): boolean {
  return PUBLIC_NAME.test(name) || (ID_NAME.test(name) && GUID.test(value));
}

/** The kind of secret a value looks like, or undefined. `name` exempts public keys and GUID identifiers from the entropy test. */
export function secretLikeValue(value: string, name = ""): string | undefined {
  return VALUE_KINDS.find((k) => !(k.kind === "a high-entropy token" && exemptFromEntropy(name, value)) && k.test(value))?.kind;
}
