import * as pulumi from "@pulumi/pulumi";
import { configuredOr, generatedSecret, presentSecrets } from "../components/tokens.js";
import { componentType, type AppSecrets } from "../components/types.js";
import type { AppSettings } from "../settings.js";

export interface DockerSecretsArgs {
  readonly app: AppSettings;
}

/**
 * Docker: configured secrets travel as container environment (a Pulumi secret); whatever is not
 * configured (app secret, password, VAPID keys) the runtime generates on first start into DATA_DIR
 * (mode 0600) — the password is shown once on its console. Feed and webhook tokens are generated
 * here when not configured, so the stack can output working URLs.
 */
export class DockerSecrets extends pulumi.ComponentResource implements AppSecrets {
  public readonly source: pulumi.Output<string>;
  public readonly feedToken: pulumi.Output<string>;
  public readonly webhookToken: pulumi.Output<string>;
  /** `VAR → value` for the runtime container; secret. */
  public readonly env: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: DockerSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "Secrets"), name, {}, opts);
    const s = args.app.secrets;
    this.source = pulumi.output("env");
    this.feedToken = configuredOr(s.feedToken, generatedSecret(`${name}-feed-token`, 32, this));
    this.webhookToken = configuredOr(s.plexWebhookToken, generatedSecret(`${name}-webhook-token`, 32, this));
    this.env = pulumi.secret(
      pulumi
        .all([
          presentSecrets({ PRESHARED_PASSWORD: s.presharedPassword, TMDB_API_KEY: s.tmdbApiKey, TVDB_API_KEY: s.tvdbApiKey }),
          this.feedToken,
          this.webhookToken,
        ])
        .apply(([configured, feed, hook]): Record<string, string> => ({ ...configured, FEED_TOKEN: feed, PLEX_WEBHOOK_TOKEN: hook })),
    );
    this.registerOutputs({ source: this.source, feedToken: this.feedToken, webhookToken: this.webhookToken, env: this.env });
  }
}
