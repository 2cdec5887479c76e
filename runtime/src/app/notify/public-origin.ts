/**
 * The origin absolute links in channel messages use (docs/notifications.md "Links"): `BASE_URL`
 * when set (always on AWS); otherwise the origin of the last signed-in request that added a
 * channel, followed or made a request — the address people actually reach Stellarr at — and
 * until there is one, the server's own listening address.
 */
export interface PublicOrigin {
  remember(origin: string): void;
  current(): string;
}

export function createPublicOrigin(baseUrl: string | null, fallback: string): PublicOrigin {
  let seen: string | null = null;
  return {
    remember(origin) {
      if (baseUrl === null) seen = origin;
    },
    current: () => baseUrl ?? seen ?? fallback,
  };
}
