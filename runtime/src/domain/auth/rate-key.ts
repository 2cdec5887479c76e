/** The rate-limit key of an IP: IPv4 as is, IPv6 by its /64 prefix (one household, one key). */
export function ipRateKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const full = ip.includes("::") ? [...headParts, ...Array(Math.max(missing, 0)).fill("0"), ...tailParts] : headParts;
  return `${full
    .slice(0, 4)
    .map((h) => (h || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
