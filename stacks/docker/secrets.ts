import * as pulumi from "@pulumi/pulumi";
import { configuredSecrets, configuredVapid } from "../components/configured-secrets.js";
import { configuredOr, generatedSecret } from "../components/tokens.js";
import { componentType, type AppSecrets } from "../components/types.js";
import type { AppSettings } from "../settings.js";

export interface DockerSecretsArgs {
  readonly app: AppSettings;
}

/**
 * Docker: configured secrets travel as container environment (a Pulumi secret); whatever is not
 * configured (app secret, password, VAPID keys) the runtime generates on first start into DATA_DIR
 * (mode 0600) — the password is shown once on its console. A configured VAPID pair replaces the
 * generated one (the runtime takes a pair from its environment over the stored one). Feed and
 * webhook tokens are generated here when not configured, so the stack can output working URLs.
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
    // The generator keeps its name from when the key was called plexWebhookToken: a generated token survives the rename.
    this.webhookToken = configuredOr(s.webhookToken, generatedSecret(`${name}-webhook-token`, 32, this));
    this.env = pulumi.secret(
      pulumi
        .all([configuredSecrets(args.app), configuredVapid(args.app), this.feedToken, this.webhookToken])
        .apply(([configured, vapid, feed, hook]): Record<string, string> => ({
          ...configured,
          ...(vapid ? { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey } : {}),
          FEED_TOKEN: feed,
          // WEBHOOK_TOKEN only: PLEX_WEBHOOK_TOKEN is the runtime's synonym, and both with different values refuse start-up.
          WEBHOOK_TOKEN: hook,
        })),
    );
    this.registerOutputs({ source: this.source, feedToken: this.feedToken, webhookToken: this.webhookToken, env: this.env });
  }
}
