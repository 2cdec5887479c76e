import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { componentType, type Site } from "../components/types.js";
import { CADDY_CONFIG_DIR, caddyProcess, renderCaddyfile } from "./caddyfile.js";
import { toEnvList } from "../components/runtime-env.js";
import { dockerLabels, roleLabel } from "./network.js";

export interface DockerSiteArgs {
  readonly tags: Record<string, string>;
  readonly domain: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly acmeEmail: string | undefined;
  readonly caddyImage: string;
  readonly network: pulumi.Input<string>;
  /** `host:port` of the runtime inside the network. */
  readonly upstream: string;
}

/** The public origin Caddy serves, e.g. `https://localhost` or `https://localhost:8443`. */
export function dockerSiteUrl(domain: string, httpsPort: number): string {
  return httpsPort === 443 ? `https://${domain}` : `https://${domain}:${httpsPort}`;
}

/**
 * The public edge of the local topology: Caddy with the generated Caddyfile. It is the only
 * container publishing host ports (HTTP for the redirect and ACME, HTTPS over TCP and UDP/HTTP 3),
 * and says so with its role label. Its certificates and internal CA persist in a named volume.
 */
export class DockerSite extends pulumi.ComponentResource implements Site {
  public readonly url: pulumi.Output<string>;
  public readonly caddyfile: string;

  constructor(name: string, args: DockerSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "Site"), name, {}, opts);
    this.caddyfile = renderCaddyfile({
      domain: args.domain,
      upstream: args.upstream,
      // Caddy listens on 443 in the container; the host may publish another port.
      publicHttpsPort: args.httpsPort,
      ...(args.acmeEmail !== undefined ? { email: args.acmeEmail } : {}),
    });
    const labels = dockerLabels(args.tags);
    const caddy = caddyProcess(this.caddyfile);
    const image = new docker.RemoteImage(name, { name: args.caddyImage, keepLocally: true }, { parent: this });
    const data = new docker.Volume(`${name}-data`, { name: `${name}-data`, labels }, { parent: this });
    const config = new docker.Volume(`${name}-config`, { name: `${name}-config`, labels }, { parent: this });

    new docker.Container(
      name,
      {
        name,
        image: image.imageId,
        restart: "unless-stopped",
        networksAdvanced: [{ name: args.network }],
        ports: [
          { internal: 80, external: args.httpPort, protocol: "tcp" },
          { internal: 443, external: args.httpsPort, protocol: "tcp" },
          { internal: 443, external: args.httpsPort, protocol: "udp" },
        ],
        mounts: [
          { type: "volume", source: data.name, target: "/data" },
          { type: "volume", source: config.name, target: "/config" },
        ],
        entrypoints: caddy.entrypoints,
        command: caddy.command,
        workingDir: caddy.workingDir,
        envs: toEnvList(caddy.env),
        // Caddy needs only to bind 80/443.
        capabilities: { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] },
        securityOpts: ["no-new-privileges:true"],
        privileged: false,
        readOnly: true,
        tmpfs: { "/tmp": "rw,noexec,nosuid,size=16m", [CADDY_CONFIG_DIR]: "rw,noexec,nosuid,size=1m" },
        labels: [...labels, roleLabel("proxy")],
      },
      { parent: this },
    );

    this.url = pulumi.output(dockerSiteUrl(args.domain, args.httpsPort));
    this.registerOutputs({ url: this.url });
  }
}
