/**
 * Which IP addresses a push endpoint may resolve to (the SSRF guard of product.md §7). Pure: the
 * caller resolves host names; this only classifies literal addresses.
 */
import { isIPv4, isIPv6 } from "node:net";

type Range = readonly [bytes: readonly number[], prefixBits: number];

// Not reachable as, or not meant to be, a public push service.
const V4_BLOCKED: readonly Range[] = [
  [[0, 0, 0, 0], 8], // "this network", incl. unspecified 0.0.0.0
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // CGNAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local (incl. cloud metadata 169.254.169.254)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved and broadcast
];

const V6_BLOCKED: readonly Range[] = [
  [[0xfc], 7], // unique local (ULA)
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // deprecated site-local
  [[0xff], 8], // multicast
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
];

const inRange = (addr: readonly number[], [net, bits]: Range): boolean => {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((addr[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
};

function v4Bytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

function v6Bytes(ip: string): number[] {
  let text = ip.replace(/%.*$/, ""); // zone id
  const tailV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (tailV4) {
    tail = v4Bytes(tailV4[1]!);
    text = text.slice(0, -tailV4[1]!.length);
    text = text.endsWith("::") ? text : text.replace(/:$/, "");
  }
  const [head = "", rest] = text.split("::");
  const groups = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(rest ?? "");
  const fill = 8 - tail.length / 2 - h.length - t.length;
  const words = rest === undefined ? [...h] : [...h, ...Array<number>(Math.max(fill, 0)).fill(0), ...t];
  const bytes = words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
  return [...bytes, ...tail];
}

/** True when `ip` (a literal IPv4 or IPv6 address) is a public unicast address. Anything unparsable is not public. */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return !V4_BLOCKED.some((r) => inRange(v4Bytes(ip), r));
  const bare = ip.replace(/^\[|\]$/g, "");
  if (!isIPv6(bare)) return false;
  const b = v6Bytes(bare);
  if (b.length !== 16) return false;
  const firstTenZero = b.slice(0, 10).every((x) => x === 0);
  // ::ffff:a.b.c.d (v4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the embedded IPv4 address.
  const mapped = firstTenZero && b[10] === 0xff && b[11] === 0xff;
  const nat64 = inRange(b, [[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96]);
  if (mapped || nat64) return isPublicAddress(b.slice(12).join("."));
  // ::/96 covers unspecified (::), loopback (::1) and the deprecated v4-compatible form.
  if (firstTenZero && b[10] === 0 && b[11] === 0) return false;
  return !V6_BLOCKED.some((r) => inRange(b, r));
}
