import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { runtimeEnv, toEnvList } from "../components/runtime-env.js";
import { componentType, type Api } from "../components/types.js";
import type { AppSettings } from "../settings.js";
import { dockerLabels, roleLabel } from "./network.js";

/** Port the runtime listens on inside the network (never published on the host). */
export const RUNTIME_PORT = 8080;
/** Network alias Caddy reaches the runtime by. */
export const RUNTIME_ALIAS = "runtime";

export interface DockerApiArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
  readonly imageName: string;
  /** Repository root (build context) and Dockerfile. */
  readonly context: string;
  readonly dockerfile: string;
  readonly network: pulumi.Input<string>;
  readonly volume: pulumi.Input<string>;
  /** Public origin, e.g. `https://localhost`. */
  readonly baseUrl: string;
  /** Configured secrets as `VAR → value` (a Pulumi secret). */
  readonly secretEnv: pulumi.Input<Record<string, string>>;
}

/** The non-secret environment of the runtime container (pure; see the Dockerfile for defaults). */
export function runtimeContainerEnv(app: AppSettings, baseUrl: string): Record<string, string> {
  return runtimeEnv(app, {
    HOST: "0.0.0.0",
    PORT: String(RUNTIME_PORT),
    DATA_DIR: "/data",
    BASE_URL: baseUrl,
    // Exactly one proxy (Caddy) appends to X-Forwarded-For.
    TRUST_PROXY: "x-forwarded-for:1",
  });
}

/**
 * The runtime image (built from the repository's Dockerfile) and its container: not published on
 * any host port, non-root (the image's USER), read-only root filesystem, no capabilities, and the
 * data volume at /data.
 */
export class DockerApi extends pulumi.ComponentResource implements Api {
  public readonly originUrl: pulumi.Output<string>;
  public readonly imageRef: pulumi.Output<string>;
  public readonly containerName: pulumi.Output<string>;

  constructor(name: string, args: DockerApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "Api"), name, {}, opts);

    const image = new docker.Image(
      name,
      {
        imageName: args.imageName,
        skipPush: true,
        build: { context: args.context, dockerfile: args.dockerfile },
      },
      { parent: this },
    );

    const env = pulumi.secret(
      pulumi.output(args.secretEnv).apply((secrets) => toEnvList({ ...runtimeContainerEnv(args.app, args.baseUrl), ...secrets })),
    );

    const container = new docker.Container(
      name,
      {
        name,
        image: image.repoDigest.apply((d) => d || args.imageName),
        restart: "unless-stopped",
        envs: env,
        networksAdvanced: [{ name: args.network, aliases: [RUNTIME_ALIAS] }],
        mounts: [{ type: "volume", source: args.volume, target: "/data" }],
        readOnly: true,
        tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" },
        capabilities: { drops: ["ALL"] },
        securityOpts: ["no-new-privileges:true"],
        privileged: false,
        labels: [...dockerLabels(args.tags), roleLabel("runtime")],
        // `pulumi up` succeeds only once the image's healthcheck (/api/ready) passes.
        wait: true,
        waitTimeout: 120,
        // SIGTERM drains and checkpoints SQLite (product.md §11); give it time.
        stopSignal: "SIGTERM",
        stopTimeout: 20,
        // No `ports`: only the proxy publishes ports.
      },
      { parent: this },
    );

    this.imageRef = image.imageName;
    this.containerName = container.name;
    this.originUrl = pulumi.output(`http://${RUNTIME_ALIAS}:${RUNTIME_PORT}`);
    this.registerOutputs({ originUrl: this.originUrl, imageRef: this.imageRef, containerName: this.containerName });
  }
}
