/**
 * The local Docker stack (Pulumi.local.yaml) under mocks: containers, ports, volumes, network,
 * environment, privileges, and secrets marked secret (issue 13).
 */
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_ALIAS, RUNTIME_PORT } from "../docker/api.js";
import { CADDYFILE_VARIABLE, caddyProcess } from "../docker/caddyfile.js";
import { ROLE_LABEL } from "../docker/network.js";
import type { DockerSecrets } from "../docker/secrets.js";
import { buildScenario } from "../testing/graph.js";
import { T, clone, dockerViolations, ofType, one } from "../testing/assertions.js";
import { settle, valueOf, type RecordedResource } from "../testing/mocks.js";
import type { Deployment } from "../components/types.js";

let graph: RecordedResource[];
let deployment: Deployment;

beforeAll(async () => {
  const built = await buildScenario("local");
  deployment = built.deployment;
  await valueOf(pulumi.output(deployment.outputs as Record<string, unknown>));
  await settle();
  graph = built.resources;
});
afterAll(async () => {
  await settle();
});

const env = (c: RecordedResource): Record<string, string> =>
  Object.fromEntries((c.inputs.envs as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));

describe("local stack graph", () => {
  it("is made of the Docker realisations of the shared components", () => {
    const components = graph
      .filter((r) => !r.custom)
      .map((r) => r.type)
      .sort();
    expect(components).toEqual(
      [
        "stellarr:docker:Api",
        "stellarr:docker:DataStore",
        "stellarr:docker:Network",
        "stellarr:docker:Secrets",
        "stellarr:docker:Site",
        "stellarr:docker:TrendingCache",
      ].sort(),
    );
    // Children carry their component as parent and a name derived from the component's name.
    for (const r of graph.filter((x) => x.custom)) {
      expect(r.parent, r.name).toBeDefined();
      const parentName = r.parent!.split("::").pop()!;
      expect(r.name.startsWith(parentName), `${r.name} under ${parentName}`).toBe(true);
    }
  });

  it("has only the proxy publishing ports, nothing privileged (the assertion helper finds no violation)", () => {
    expect(dockerViolations(graph, "stellarr-proxy")).toEqual([]);
    const proxy = one(graph, T.container, "stellarr-proxy");
    expect(proxy.inputs.ports).toEqual([
      { internal: 80, external: 80, protocol: "tcp" },
      { internal: 443, external: 443, protocol: "tcp" },
      { internal: 443, external: 443, protocol: "udp" },
    ]);
    const runtime = one(graph, T.container, "stellarr-runtime");
    expect(runtime.inputs.ports ?? []).toEqual([]);
    expect(runtime.inputs.privileged).toBe(false);
    expect(runtime.inputs.readOnly).toBe(true);
    expect(runtime.inputs.networkMode).toBeUndefined();
    // `pulumi up` waits for the image's healthcheck.
    expect(runtime.inputs.wait).toBe(true);
  });

  it("joins both containers to one private network; Caddy reaches the runtime by alias", () => {
    const network = one(graph, "docker:index/network:Network");
    const runtime = one(graph, T.container, "stellarr-runtime");
    const proxy = one(graph, T.container, "stellarr-proxy");
    expect(runtime.inputs.networksAdvanced).toEqual([{ name: network.inputs.name, aliases: [RUNTIME_ALIAS] }]);
    expect(proxy.inputs.networksAdvanced).toEqual([{ name: network.inputs.name }]);
    const caddyfile = env(proxy)[CADDYFILE_VARIABLE]!;
    expect(caddyfile).toContain(`reverse_proxy ${RUNTIME_ALIAS}:${RUNTIME_PORT}`);
    expect(caddyfile).toMatch(/^localhost \{$/m);
    expect(caddyfile).toContain("tls internal");
  });

  it("hands Caddy its Caddyfile in the environment, written to a tmpfs, never uploaded into its read-only root", () => {
    const proxy = one(graph, T.container, "stellarr-proxy");
    // The Docker engine refuses copies into a read-only root filesystem, so no uploads at all.
    expect(proxy.inputs.uploads ?? []).toEqual([]);
    expect(proxy.inputs.readOnly).toBe(true);
    const caddy = caddyProcess(env(proxy)[CADDYFILE_VARIABLE]!);
    expect(proxy.inputs).toMatchObject({ entrypoints: caddy.entrypoints, command: caddy.command, workingDir: caddy.workingDir });
    expect(proxy.inputs.tmpfs[caddy.workingDir]).toMatch(/^rw,noexec,nosuid,size=/);
    expect(Object.keys(env(proxy))).toEqual([CADDYFILE_VARIABLE]);
  });

  it("labels each container with its role, which the policy pack decides by", () => {
    const role = (name: string) => one(graph, T.container, name).inputs.labels.find((l: any) => l.label === ROLE_LABEL)?.value;
    expect(role("stellarr-proxy")).toBe("proxy");
    expect(role("stellarr-runtime")).toBe("runtime");
  });

  it("mounts the named data volume at /data and Caddy's state on its own volumes", () => {
    const volumes = ofType(graph, "docker:index/volume:Volume")
      .map((v) => v.inputs.name)
      .sort();
    expect(volumes).toEqual(["stellarr-data", "stellarr-proxy-config", "stellarr-proxy-data"]);
    const runtime = one(graph, T.container, "stellarr-runtime");
    expect(runtime.inputs.mounts).toEqual([{ type: "volume", source: "stellarr-data", target: "/data" }]);
  });

  it("builds the runtime image from the repository's Dockerfile", () => {
    const image = one(graph, "docker:index/image:Image");
    expect(image.inputs.imageName).toBe("stellarr:local");
    expect(image.inputs.build.dockerfile).toMatch(/\/Dockerfile$/);
    expect(image.inputs.skipPush).toBe(true);
    const runtime = one(graph, T.container, "stellarr-runtime");
    expect(runtime.inputs.image).toBe(image.state.repoDigest);
  });

  it("sets BASE_URL, TRUST_PROXY and the container listen address", () => {
    const e = env(one(graph, T.container, "stellarr-runtime"));
    expect(e).toMatchObject({
      BASE_URL: "https://localhost",
      TRUST_PROXY: "x-forwarded-for:1",
      HOST: "0.0.0.0",
      PORT: "8080",
      DATA_DIR: "/data",
      APP_NAME: "Stellarr",
      TRENDING_LOCALES: "en,es,fr,de",
    });
    // Unconfigured secrets are generated by the runtime into /data, not passed in.
    expect(e.PRESHARED_PASSWORD).toBeUndefined();
    expect(e.APP_SECRET_KEY).toBeUndefined();
    expect(e.FEED_TOKEN).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(e.PLEX_WEBHOOK_TOKEN).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("marks the container environment and every token-bearing output secret", async () => {
    const runtime = one(graph, T.container, "stellarr-runtime");
    expect(runtime.secretInputs).toContain("envs");
    const secrets = deployment.secrets as DockerSecrets;
    expect(await pulumi.isSecret(secrets.env)).toBe(true);
    expect(await pulumi.isSecret(secrets.feedToken)).toBe(true);
    expect(await pulumi.isSecret(secrets.webhookToken)).toBe(true);
    expect(await pulumi.isSecret(deployment.outputs.feedUrls)).toBe(true);
    expect(await pulumi.isSecret(deployment.outputs.webhookUrl)).toBe(true);
    expect(await pulumi.isSecret(deployment.outputs.siteUrl)).toBe(false);
    const feeds = await valueOf(deployment.outputs.feedUrls);
    expect(feeds.radarr).toMatch(/^https:\/\/localhost\/list\/radarr\?token=[A-Za-z0-9]{32}$/);
    expect(await valueOf(deployment.outputs.webhookUrl)).toMatch(/^https:\/\/localhost\/webhook\/plex\?token=/);
  });
});

describe("the Docker assertion helpers catch a bad graph", () => {
  it("flags a runtime container that publishes a port", () => {
    const g = clone(graph);
    one(g, T.container, "stellarr-runtime").inputs.ports = [{ internal: 8080, external: 8080 }];
    expect(dockerViolations(g, "stellarr-proxy")).toEqual(["stellarr-runtime: publishes ports but is not the proxy"]);
  });
  it("flags publishAllPorts", () => {
    const g = clone(graph);
    one(g, T.container, "stellarr-runtime").inputs.publishAllPorts = true;
    expect(dockerViolations(g, "stellarr-proxy")).toEqual(["stellarr-runtime: publishes ports but is not the proxy"]);
  });
  it("flags a privileged container", () => {
    const g = clone(graph);
    one(g, T.container, "stellarr-proxy").inputs.privileged = true;
    expect(dockerViolations(g, "stellarr-proxy")).toEqual(["stellarr-proxy: privileged"]);
  });
  it("flags the host network and added capabilities", () => {
    const g = clone(graph);
    const runtime = one(g, T.container, "stellarr-runtime");
    runtime.inputs.networkMode = "host";
    runtime.inputs.capabilities.adds = ["SYS_ADMIN"];
    expect(dockerViolations(g, "stellarr-proxy")).toEqual([
      "stellarr-runtime: shares a host namespace",
      "stellarr-runtime: adds capability SYS_ADMIN",
    ]);
  });
});

describe("local stack on other host ports", () => {
  it("publishes the configured ports, puts the port in BASE_URL and keeps it in the HTTP redirect", async () => {
    const { installMocks } = await import("../testing/mocks.js");
    const { scenarioConfig } = await import("../testing/graph.js");
    const { deployDocker } = await import("../docker/deploy.js");
    const { parseSettings, NAMESPACE } = await import("../settings.js");
    const { config } = scenarioConfig("local");
    const recorder = await installMocks({
      stack: "local",
      config: { ...config, [`${NAMESPACE}:httpPort`]: "8080", [`${NAMESPACE}:httpsPort`]: "8443" },
    });
    const d = deployDocker(parseSettings(new pulumi.Config(NAMESPACE), { stack: "local" }));
    expect(await valueOf(d.outputs.siteUrl)).toBe("https://localhost:8443");
    await settle();
    const g = recorder.resources;
    expect(dockerViolations(g, "stellarr-proxy")).toEqual([]);
    const proxy = one(g, T.container, "stellarr-proxy");
    expect(proxy.inputs.ports.map((p: any) => [p.internal, p.external, p.protocol])).toEqual([
      [80, 8080, "tcp"],
      [443, 8443, "tcp"],
      [443, 8443, "udp"],
    ]);
    expect(env(proxy)[CADDYFILE_VARIABLE]).toContain("redir https://{host}:8443{uri} 308");
    expect(env(one(g, T.container, "stellarr-runtime")).BASE_URL).toBe("https://localhost:8443");
  });
});
