import { describe, expect, it } from "vitest";
import { disallowDockerSocket } from "../docker/disallowDockerSocket.js";
import { disallowHostNetwork } from "../docker/disallowHostNetwork.js";
import { disallowPrivilegeEscalation } from "../docker/disallowPrivilegeEscalation.js";
import { disallowPrivilegedContainers } from "../docker/disallowPrivilegedContainers.js";
import { disallowUploadsIntoReadOnlyRoot } from "../docker/disallowUploadsIntoReadOnlyRoot.js";
import { keepDataOnVolume } from "../docker/keepDataOnVolume.js";
import { publishPortsOnlyFromProxy } from "../docker/publishPortsOnlyFromProxy.js";
import { setRestartPolicy } from "../docker/setRestartPolicy.js";
import { T } from "../lib/types.js";
import * as d from "./fixtures/docker.js";
import { record } from "./fixtures/record.js";
import { expectMetadata, messagesOf, tweak } from "./support.js";

type C = Record<string, any>;
const runtime = (change: (c: C) => void = () => {}) => record(T.container, "runtime", tweak(d.runtimeContainer() as C, change));
const caddy = (change: (c: Record<string, any>) => void = () => {}) =>
  record(T.container, "caddy", tweak(d.caddyContainer() as Record<string, any>, change));

describe("docker-container-disallow-privileged", () => {
  const p = disallowPrivilegedContainers;
  it("has metadata", () => expectMetadata(p, "docker-container-disallow-privileged"));
  it("passes for the stack's containers, also with NET_BIND_SERVICE", async () => {
    expect(await messagesOf(p, [runtime(), caddy((c) => (c["capabilities"] = { adds: ["NET_BIND_SERVICE"] }))])).toEqual([]);
  });
  it("reports a privileged container", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["privileged"] = true)),
      ),
    ).toEqual(["The container runs privileged; drop privileged mode."]);
  });
  it("reports SYS_ADMIN", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["capabilities"] = { adds: ["SYS_ADMIN"] })),
      ),
    ).toEqual(["The container adds the SYS_ADMIN capability, which amounts to root on the host."]);
  });
});

describe("docker-container-disallow-host-network", () => {
  const p = disallowHostNetwork;
  it("has metadata", () => expectMetadata(p, "docker-container-disallow-host-network"));
  it("passes on the stack network", async () => expect(await messagesOf(p, [runtime(), caddy()])).toEqual([]));
  it("reports the host network", async () => {
    expect(
      await messagesOf(
        p,
        caddy((c) => (c["networkMode"] = "host")),
      ),
    ).toEqual(["The container uses the host network; attach it to the stack's Docker network instead."]);
  });
  it("reports the host PID namespace", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["pidMode"] = "host")),
      ),
    ).toEqual(["The container shares the host's PID namespace."]);
  });
});

describe("docker-container-keep-data-on-volume", () => {
  const p = keepDataOnVolume;
  it("has metadata", () => expectMetadata(p, "docker-container-keep-data-on-volume"));
  it("passes with named volumes, also given as mounts", async () => {
    const viaMount = runtime((c) => {
      delete c["volumes"];
      c["mounts"] = [{ type: "volume", source: "stellarr-data", target: "/data/" }];
    });
    expect(await messagesOf(p, [runtime(), caddy(), viaMount])).toEqual([]);
  });
  it("reports a missing DATA_DIR", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c.envs = c["envs"].filter((e: string) => !e.startsWith("DATA_DIR=")))),
      ),
    ).toEqual(["The container does not set DATA_DIR to an absolute path; set it and mount a docker.Volume there."]);
  });
  it("reports DATA_DIR without a volume", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => delete c["volumes"]),
      ),
    ).toEqual(["The container keeps DATA_DIR (/data) outside a named volume; mount a docker.Volume there."]);
  });
  it("reports DATA_DIR on a bind mount", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c.volumes = [{ hostPath: "/srv/stellarr", containerPath: "/data" } as never])),
      ),
    ).toEqual(["The container keeps DATA_DIR (/data) outside a named volume; mount a docker.Volume there."]);
  });
  it("reports Caddy without a data volume", async () => {
    expect(
      await messagesOf(
        p,
        caddy((c) => delete c["volumes"]),
      ),
    ).toEqual(["The proxy keeps its certificates (/data) outside a named volume; mount a docker.Volume there."]);
  });
});

describe("docker-container-publish-ports-only-from-proxy", () => {
  const p = publishPortsOnlyFromProxy;
  it("has metadata", () => expectMetadata(p, "docker-container-publish-ports-only-from-proxy"));
  it("passes when only the proxy publishes, recognised by its role label whatever its name or image", async () => {
    const labelled = record(T.container, "front", {
      image: "sha256:0123",
      ports: [{ internal: 443, external: 443 }],
      labels: [{ label: "org.stellarr.role", value: "proxy" }],
    });
    expect(await messagesOf(p, [runtime(), caddy(), labelled])).toEqual([]);
  });
  it("reports ports on a container that only looks like a proxy by name and image, without the role label", async () => {
    const lookalike = record(T.container, "stellarr-proxy", {
      name: "caddy-proxy",
      image: "caddy:2.10-alpine",
      ports: [{ internal: 8080, external: 8080 }],
      labels: [{ label: "org.stellarr.role", value: "runtime" }],
    });
    expect(await messagesOf(p, [lookalike, caddy((c) => delete c["labels"])])).toEqual([
      "The container publishes ports (8080) although only the reverse proxy (label org.stellarr.role=proxy) may; reach it through the proxy on the Docker network.",
      "The container publishes ports (80, 443, 443) although only the reverse proxy (label org.stellarr.role=proxy) may; reach it through the proxy on the Docker network.",
    ]);
  });
  it("reports a published runtime port", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["ports"] = [{ internal: 8080, external: 8080 }])),
      ),
    ).toEqual([
      "The container publishes ports (8080) although only the reverse proxy (label org.stellarr.role=proxy) may; reach it through the proxy on the Docker network.",
    ]);
  });
  it("reports publishAllPorts", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["publishAllPorts"] = true)),
      ),
    ).toEqual(["The container publishes all its exposed ports although only the reverse proxy (label org.stellarr.role=proxy) may."]);
  });
});

describe("docker-container-disallow-docker-socket", () => {
  const p = disallowDockerSocket;
  it("has metadata", () => expectMetadata(p, "docker-container-disallow-docker-socket"));
  it("passes without host sockets", async () => expect(await messagesOf(p, [runtime(), caddy()])).toEqual([]));
  it.each([
    ["volume", (c: C) => c.volumes.push({ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" } as never)],
    ["mount", (c: C) => (c["mounts"] = [{ type: "bind", source: "/run/docker.sock", target: "/var/run/docker.sock" }])],
  ])("reports the socket as a %s", async (_kind, change) => {
    expect(await messagesOf(p, runtime(change))).toEqual(["The container mounts the Docker socket, which grants root on the host."]);
  });
});

describe("docker-container-disallow-privilege-escalation", () => {
  const p = disallowPrivilegeEscalation;
  it("has metadata", () => expectMetadata(p, "docker-container-disallow-privilege-escalation"));
  it("passes with no-new-privileges in any accepted spelling", async () => {
    expect(await messagesOf(p, [runtime(), caddy((c) => (c["securityOpts"] = ["no-new-privileges"]))])).toEqual([]);
  });
  it.each([[undefined], [["no-new-privileges:false"]], [["seccomp=unconfined"]]])("reports securityOpts %j", async (opts) => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["securityOpts"] = opts)),
      ),
    ).toEqual(["The container allows privilege escalation; add 'no-new-privileges:true' to securityOpts."]);
  });
});

describe("docker-container-disallow-uploads-into-read-only-root", () => {
  const p = disallowUploadsIntoReadOnlyRoot;
  const caddyfile = { file: "/etc/caddy/Caddyfile", content: "localhost {\n}\n" };
  it("has metadata", () => expectMetadata(p, "docker-container-disallow-uploads-into-read-only-root"));
  it("passes for a read-only container without uploads, and for uploads into a writable root", async () => {
    const envDelivered = caddy((c) => {
      c["readOnly"] = true;
      c["envs"] = ["CADDYFILE=localhost {\n}\n"];
      c["tmpfs"] = { "/etc/caddy": "rw,noexec,nosuid,size=1m" };
    });
    expect(await messagesOf(p, [envDelivered, caddy((c) => (c["uploads"] = [caddyfile]))])).toEqual([]);
  });
  it("reports every upload into a read-only root filesystem, even onto a volume", async () => {
    const violating = caddy((c) => {
      c["readOnly"] = true;
      c["uploads"] = [caddyfile, { file: "/data/seed.json", content: "{}" }];
    });
    expect(await messagesOf(p, violating)).toEqual([
      'The container uploads /etc/caddy/Caddyfile although its root filesystem is read-only; the Docker engine refuses the copy ("container rootfs is marked read-only") and the container never starts. Pass the content in an environment variable the command writes to a tmpfs, or mount a volume.',
      'The container uploads /data/seed.json although its root filesystem is read-only; the Docker engine refuses the copy ("container rootfs is marked read-only") and the container never starts. Pass the content in an environment variable the command writes to a tmpfs, or mount a volume.',
    ]);
  });
});

describe("docker-container-set-restart-policy", () => {
  const p = setRestartPolicy;
  it("has metadata", () => expectMetadata(p, "docker-container-set-restart-policy"));
  it("passes with unless-stopped and always", async () => {
    expect(await messagesOf(p, [runtime(), caddy((c) => (c["restart"] = "always"))])).toEqual([]);
  });
  it("reports a container without a restart policy", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => delete c["restart"]),
      ),
    ).toEqual([
      "The container sets no restart policy, so it stays down after a crash or a host reboot; set restart to 'unless-stopped' or 'always'.",
    ]);
  });
  it.each(["no", "on-failure"])("reports restart '%s'", async (restart) => {
    expect(
      await messagesOf(
        p,
        caddy((c) => (c["restart"] = restart)),
      ),
    ).toEqual([
      `The container's restart policy '${restart}' does not bring it back after a crash and a host reboot; set restart to 'unless-stopped' or 'always'.`,
    ]);
  });
  it("takes the allowed policies from its config", async () => {
    expect(
      await messagesOf(
        p,
        runtime((c) => (c["restart"] = "always")),
        { allowedPolicies: ["unless-stopped"] },
      ),
    ).toEqual([
      "The container's restart policy 'always' does not bring it back after a crash and a host reboot; set restart to 'unless-stopped'.",
    ]);
  });
});
