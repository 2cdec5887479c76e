/** The local Docker topology (product.md §10), assembled from the Docker realisations. */
import { endpointOutputs } from "../components/runtime-env.js";
import type { Deployment } from "../components/types.js";
import type { StackSettings } from "../settings.js";
import { DockerApi, RUNTIME_ALIAS, RUNTIME_PORT } from "./api.js";
import { DockerDataStore } from "./data-store.js";
import { DockerNetwork } from "./network.js";
import { DockerSecrets } from "./secrets.js";
import { DockerSite, dockerSiteUrl } from "./site.js";
import { DockerTrendingCache } from "./trending-cache.js";

export function deployDocker(settings: StackSettings): Deployment {
  const d = settings.docker;
  if (!d) throw new Error("deployDocker needs docker settings (stellarr:target docker)");
  const n = settings.name;
  const baseUrl = dockerSiteUrl(d.domain, d.httpsPort);

  const network = new DockerNetwork(`${n}-net`, { labels: settings.tags });
  const secrets = new DockerSecrets(`${n}-secrets`, { app: settings.app });
  const dataStore = new DockerDataStore(`${n}-data`, { tags: settings.tags });
  const trendingCache = new DockerTrendingCache(`${n}-trending`, { volume: dataStore.location });
  const api = new DockerApi(`${n}-runtime`, {
    app: settings.app,
    tags: settings.tags,
    imageName: d.imageName,
    context: settings.paths.root,
    dockerfile: settings.paths.dockerfile,
    network: network.networkName,
    volume: dataStore.location,
    baseUrl,
    secretEnv: secrets.env,
  });
  const site = new DockerSite(
    `${n}-proxy`,
    {
      tags: settings.tags,
      domain: d.domain,
      httpPort: d.httpPort,
      httpsPort: d.httpsPort,
      acmeEmail: d.acmeEmail,
      caddyImage: d.caddyImage,
      network: network.networkName,
      upstream: `${RUNTIME_ALIAS}:${RUNTIME_PORT}`,
    },
    // Caddy is useless before the runtime it proxies exists.
    { dependsOn: [api] },
  );

  return {
    secrets,
    dataStore,
    trendingCache,
    api,
    site,
    outputs: {
      target: "docker",
      ...endpointOutputs(site.url, secrets),
      dataVolume: dataStore.location,
      image: api.imageRef,
    },
  };
}
