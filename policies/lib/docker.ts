import { asArray, asString, type Props } from "./values.js";

/** `envs` is a list of `KEY=value` strings. */
export function envOf(container: Props): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of asArray<string>(container["envs"])) {
    const at = String(entry).indexOf("=");
    if (at > 0) env.set(String(entry).slice(0, at), String(entry).slice(at + 1));
  }
  return env;
}

function labelsOf(container: Props): Map<string, string> {
  return new Map(asArray<Props>(container["labels"]).map((l) => [String(l["label"]), String(l["value"])]));
}

/** The label the stacks set to say what a container is for (`proxy`, `runtime`). */
export const ROLE_LABEL = "org.stellarr.role";

/**
 * The reverse proxy (Caddy) is the one container that faces the network. It is recognised by its role
 * label only: names and images say nothing reliable (a runtime called "proxy-cache" is not a proxy, and the
 * proxy's image is usually an image id), and a container without the label is not the proxy (fail closed).
 */
export function isProxy(container: Props): boolean {
  return labelsOf(container).get(ROLE_LABEL) === "proxy";
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/** Whether a named Docker volume (not a host bind mount) is mounted at `path`. */
export function hasNamedVolumeAt(container: Props, path: string): boolean {
  const target = trimSlash(path);
  const viaVolumes = asArray<Props>(container["volumes"]).some(
    (v) => asString(v["volumeName"]) !== undefined && !v["hostPath"] && trimSlash(String(v["containerPath"] ?? "")) === target,
  );
  const viaMounts = asArray<Props>(container["mounts"]).some(
    (m) => m["type"] === "volume" && asString(m["source"]) !== undefined && trimSlash(String(m["target"] ?? "")) === target,
  );
  return viaVolumes || viaMounts;
}

/** Host paths bind-mounted into the container. */
export function hostPaths(container: Props): string[] {
  return [
    ...asArray<Props>(container["volumes"]).map((v) => asString(v["hostPath"])),
    ...asArray<Props>(container["mounts"])
      .filter((m) => m["type"] === "bind")
      .map((m) => asString(m["source"])),
  ].filter((p): p is string => p !== undefined);
}
