import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { configuredSecrets, configuredVapid } from "../components/configured-secrets.js";
import { configuredOr, generatedSecret } from "../components/tokens.js";
import { componentType, type AppSecrets } from "../components/types.js";
import type { VapidKeys } from "../components/vapid.js";
import type { AppSettings } from "../settings.js";
import { secretPayload } from "./builders/secret-payload.js";
import { vapidFromPem } from "./builders/vapid.js";

export interface AwsSecretsArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
  readonly forceDestroy: boolean;
}

/**
 * One Secrets Manager secret holding every secret the runtime reads (product.md §2): configured
 * ones from Pulumi config secrets, generated ones (app secret, origin-verify secret; VAPID keys and
 * feed/webhook tokens when not configured) from @pulumi/random and @pulumi/tls. Values stay Pulumi
 * secrets end to end; none reaches a Lambda environment variable.
 *
 * The secret's value also carries BASE_URL, which is known only once the distribution exists:
 * `publish(baseUrl)` writes the version then.
 */
export class AwsSecrets extends pulumi.ComponentResource implements AppSecrets {
  public readonly source: pulumi.Output<string>;
  public readonly feedToken: pulumi.Output<string>;
  public readonly webhookToken: pulumi.Output<string>;
  /** CloudFront sends it as X-Origin-Verify; the runtime refuses requests without it. Secret. */
  public readonly originVerify: pulumi.Output<string>;
  public readonly secretArn: pulumi.Output<string>;
  /** Raw base64url VAPID keys; the private key is secret. */
  public readonly vapid: pulumi.Output<VapidKeys>;

  private readonly name: string;
  private readonly args: AwsSecretsArgs;
  private readonly appSecret: pulumi.Output<string>;

  constructor(name: string, args: AwsSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "Secrets"), name, {}, opts);
    this.name = name;
    this.args = args;
    const s = args.app.secrets;
    this.appSecret = generatedSecret(`${name}-app-secret`, 64, this);
    this.originVerify = generatedSecret(`${name}-origin-verify`, 48, this);
    this.feedToken = configuredOr(s.feedToken, generatedSecret(`${name}-feed-token`, 32, this));
    // The generator keeps its name from when the key was called plexWebhookToken: a generated token survives the rename.
    this.webhookToken = configuredOr(s.webhookToken, generatedSecret(`${name}-webhook-token`, 32, this));
    this.vapid = this.provisionVapid();

    const secret = new aws.secretsmanager.Secret(
      name,
      {
        description: "Stellarr runtime secrets (managed by Pulumi; edit the stack config, not this secret)",
        // forceDestroy: delete at once so the name can be reused; otherwise keep a recovery window.
        recoveryWindowInDays: args.forceDestroy ? 0 : 7,
        tags: args.tags,
      },
      { parent: this },
    );
    this.secretArn = secret.arn;
    this.source = secret.arn;
    this.registerOutputs({ source: this.source, secretArn: this.secretArn, feedToken: this.feedToken, webhookToken: this.webhookToken });
  }

  /**
   * The configured pair (`stellarr:vapidPublicKey` + `stellarr:vapidPrivateKey`: an operator keeps the
   * original Stellarr's push subscriptions), else one generated with @pulumi/tls. The choice follows the
   * public key, the half the program can read before deploying; the checks run in the apply.
   */
  private provisionVapid(): pulumi.Output<VapidKeys> {
    const configured = configuredVapid(this.args.app);
    if (this.args.app.vapidPublicKey !== undefined) {
      return pulumi.secret(
        configured.apply((pair) => {
          if (!pair) throw new Error("VAPID keys: the configured pair is incomplete");
          return pair;
        }),
      );
    }
    const key = new tls.PrivateKey(`${this.name}-vapid`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
    // `configured` is undefined here unless a private key was set alone, and then it fails the deployment.
    return pulumi.secret(pulumi.all([configured, key.privateKeyPem]).apply(([pair, pem]) => pair ?? vapidFromPem(pem)));
  }

  /** The secret's JSON (product.md §2 names); secret. Fails the deployment when a required value is empty. */
  payload(baseUrl: pulumi.Input<string>): pulumi.Output<string> {
    const configured = configuredSecrets(this.args.app);
    return pulumi.secret(
      pulumi
        .all([configured, this.appSecret, this.originVerify, this.feedToken, this.webhookToken, this.vapid, pulumi.output(baseUrl)])
        .apply(([configured, appSecretKey, originVerifySecret, feedToken, webhookToken, vapid, baseUrl]) =>
          secretPayload({ configured, appSecretKey, originVerifySecret, feedToken, webhookToken, vapid, baseUrl }),
        ),
    );
  }

  /** Writes the secret's value (once the public origin is known). */
  publish(baseUrl: pulumi.Input<string>): aws.secretsmanager.SecretVersion {
    return new aws.secretsmanager.SecretVersion(
      this.name,
      { secretId: this.secretArn, secretString: this.payload(baseUrl) },
      { parent: this },
    );
  }
}
