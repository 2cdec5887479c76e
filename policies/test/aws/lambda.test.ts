import { describe, expect, it } from "vitest";
import { setLogRetention } from "../../aws/cloudwatch/setLogRetention.js";
import { declareLogGroup } from "../../aws/lambda/declareLogGroup.js";
import { disallowSecretsInEnvironment } from "../../aws/lambda/disallowSecretsInEnvironment.js";
import { guardFunctionUrl } from "../../aws/lambda/guardFunctionUrl.js";
import { restrictPermissionPrincipal } from "../../aws/lambda/restrictPermissionPrincipal.js";
import { useArm64 } from "../../aws/lambda/useArm64.js";
import { useSupportedRuntime } from "../../aws/lambda/useSupportedRuntime.js";
import { secretLikeName } from "../../lib/secret-heuristics.js";
import { T } from "../../lib/types.js";
import { SECRET_VARIABLES } from "@stellarr/runtime/contract";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf, notApplicableReasons, tweak } from "../support.js";

type Fn = ReturnType<typeof a.lambdaFunction>;
const fn = (change: (f: Fn) => void = () => {}, name = "stellarr-api") =>
  record(T.lambdaFunction, name, tweak(a.lambdaFunction(name), change), { arn: a.arn("lambda", `function:${name}`) });
const env = (variables: Record<string, string>) => fn((f) => (f.environment.variables = variables as Fn["environment"]["variables"]));

describe("aws-lambda-function-use-arm64", () => {
  const p = useArm64;
  it("has metadata", () => expectMetadata(p, "aws-lambda-function-use-arm64"));
  it("passes on arm64", async () => expect(await messagesOf(p, fn())).toEqual([]));
  it("reports x86_64", async () => {
    expect(
      await messagesOf(
        p,
        fn((f) => (f.architectures = ["x86_64"])),
      ),
    ).toEqual(["The function runs on x86_64; set architectures to ['arm64']."]);
  });
  it("reports the x86_64 default", async () => {
    expect(
      await messagesOf(
        p,
        fn((f) => delete (f as Partial<Fn>).architectures),
      ),
    ).toEqual(["The function does not set architectures, so it runs on x86_64; set architectures to ['arm64']."]);
  });
});

describe("aws-lambda-function-use-supported-nodejs-runtime", () => {
  const p = useSupportedRuntime;
  it("has metadata", () => expectMetadata(p, "aws-lambda-function-use-supported-nodejs-runtime"));
  it("passes on nodejs22.x and nodejs20.x", async () => {
    expect(await messagesOf(p, [fn(), fn((f) => (f.runtime = "nodejs20.x"), "other")])).toEqual([]);
  });
  it("reports an unsupported runtime", async () => {
    expect(
      await messagesOf(
        p,
        fn((f) => (f.runtime = "nodejs18.x")),
      ),
    ).toEqual(["The function uses runtime 'nodejs18.x'; use one of nodejs22.x, nodejs20.x."]);
  });
  it("reports a missing runtime and follows configuration", async () => {
    expect(
      await messagesOf(
        p,
        fn((f) => delete (f as Partial<Fn>).runtime),
        { allowedRuntimes: ["nodejs22.x"] },
      ),
    ).toEqual(["The function does not set a runtime; use one of nodejs22.x."]);
  });
  it("is not applicable to container images", async () => {
    const image = fn((f) => Object.assign(f, { packageType: "Image", runtime: undefined }));
    expect(await messagesOf(p, image)).toEqual([]);
    expect(await notApplicableReasons(p, [image])).toEqual(["Container image functions bring their own runtime."]);
  });
});

describe("aws-lambda-function-declare-log-group", () => {
  const p = declareLogGroup;
  const group = (name: string) => record(T.logGroup, `lg-${name}`, a.logGroup(name));
  it("has metadata", () => expectMetadata(p, "aws-lambda-function-declare-log-group"));
  it("passes with loggingConfig.logGroup or the default name", async () => {
    const byDefault = fn((f) => delete (f as Partial<Fn>).loggingConfig, "warmer");
    expect(await messagesOf(p, [fn(), group("/aws/lambda/stellarr-api"), byDefault, group("/aws/lambda/warmer")])).toEqual([]);
  });
  it("reports a function whose log group is not in the stack", async () => {
    expect(await messagesOf(p, [fn(), group("/aws/lambda/other")])).toEqual([
      "Function 'stellarr-api' has no log group in this stack, so Lambda creates one that keeps logs forever; add an aws.cloudwatch.LogGroup and point loggingConfig.logGroup at it.",
    ]);
  });
});

describe("aws-cloudwatch-log-group-set-retention", () => {
  const p = setLogRetention;
  const group = (retentionInDays?: number) =>
    record(T.logGroup, "lg", { name: "/aws/lambda/x", ...(retentionInDays !== undefined ? { retentionInDays } : {}) });
  it("has metadata", () => expectMetadata(p, "aws-cloudwatch-log-group-set-retention"));
  it("passes with retention set", async () => expect(await messagesOf(p, group(14))).toEqual([]));
  it("reports never-expiring logs", async () => {
    expect(await messagesOf(p, group())).toEqual(["The log group keeps logs forever; set retentionInDays."]);
    expect(await messagesOf(p, group(0))).toEqual(["The log group keeps logs forever; set retentionInDays."]);
  });
  it("reports retention below a configured minimum", async () => {
    expect(await messagesOf(p, group(14), { minimumRetentionDays: 30 })).toEqual([
      "The log group keeps logs for 14 days, less than the required 30.",
    ]);
  });
});

describe("aws-lambda-function-url-require-auth-or-origin-verify", () => {
  const p = guardFunctionUrl;
  const host = "abc.lambda-url.eu-west-1.on.aws";
  const url = (authorizationType = "NONE") =>
    record(T.functionUrl, "api-url", { ...a.functionUrl("stellarr-api"), authorizationType }, { functionUrl: `https://${host}/` });
  const cdn = (change: (d: ReturnType<typeof a.distribution>) => void = () => {}) =>
    record(T.distribution, "cdn", tweak(a.distribution({ apiHost: host }), change));
  it("has metadata", () => expectMetadata(p, "aws-lambda-function-url-require-auth-or-origin-verify"));
  it("passes for NONE behind CloudFront with reserved concurrency", async () => {
    expect(await messagesOf(p, [fn(), url(), cdn()])).toEqual([]);
  });
  it("passes for AWS_IAM without anything else", async () => {
    expect(await messagesOf(p, [fn((f) => delete (f as Partial<Fn>).reservedConcurrentExecutions), url("AWS_IAM")])).toEqual([]);
  });
  it("reports a public URL without reserved concurrency", async () => {
    expect(await messagesOf(p, [fn((f) => delete (f as Partial<Fn>).reservedConcurrentExecutions), url(), cdn()])).toEqual([
      "Function URL 'api-url' is public (authorizationType NONE) but function 'stellarr-api' has no reserved concurrency to cap its cost.",
    ]);
  });
  it("reports a public URL that no origin guards", async () => {
    const unguarded = cdn((d) => delete (d.origins[2] as Record<string, unknown>)["customHeaders"]);
    expect(await messagesOf(p, [fn(), url(), unguarded])).toEqual([
      "Function URL 'api-url' is public (authorizationType NONE) but no CloudFront origin sends the X-Origin-Verify header to it.",
    ]);
  });
  it("reports both when the function and distribution are missing", async () => {
    expect(await messagesOf(p, [url()])).toEqual([
      "Function URL 'api-url' is public (authorizationType NONE) but its function 'stellarr-api' has no reserved concurrency to cap its cost.",
      "Function URL 'api-url' is public (authorizationType NONE) but no CloudFront origin sends the X-Origin-Verify header to it.",
    ]);
  });
});

describe("aws-lambda-function-disallow-secrets-in-environment", () => {
  const p = disallowSecretsInEnvironment;
  it("has metadata", () => expectMetadata(p, "aws-lambda-function-disallow-secrets-in-environment"));
  it("passes for names, ARNs, URLs and generated resource names", async () => {
    const r = env({
      TABLE_NAME: "stellarr-requests-4f3e2d1",
      SECRET_ARN: a.arn("secretsmanager", "secret:stellarr-app-AbCdEf"),
      TOKEN_TTL_SECONDS: "900",
      TMDB_BASE_URL: "https://api.themoviedb.org/3",
      VAPID_PUBLIC_KEY_PARAMETER: "/stellarr/vapid",
      VAPID_PUBLIC_KEY: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
      TRENDING_LOCALES: "en,es,fr,de",
      NODE_OPTIONS: "--enable-source-maps",
      LOG_LEVEL: "info",
      JELLYFIN_SERVER_ID: "16588a9f062a40c4966586b1d220bffc",
      EMBY_SERVER_ID: "16588A9F-062A-40C4-9665-86B1D220BFFC",
      NOTIFIER_FUNCTION_NAME: "stellarr-prod-notifier",
      NOTIFY_LOCALE: "fr",
      ALLOW_PRIVATE_ENDPOINTS: "true",
    });
    expect(await messagesOf(p, r)).toEqual([]);
  });
  it("still reports a token under an *_ID name, and a GUID under any other name", async () => {
    expect(await messagesOf(p, env({ SERVER_ID: "Xq3vB9kLm2Pz7Rt5Wy8Nc4Hd6Jf1Gs0A" }))).toEqual([
      "Environment variable 'SERVER_ID' holds what looks like a high-entropy token; read it from Secrets Manager instead.",
    ]);
    expect(await messagesOf(p, env({ UPSTREAM: "16588a9f062a40c4966586b1d220bffc" }))).toEqual([
      "Environment variable 'UPSTREAM' holds what looks like a high-entropy token; read it from Secrets Manager instead.",
    ]);
  });
  it.each([
    "TMDB_API_KEY",
    "PRESHARED_PASSWORD",
    "FEED_TOKEN",
    "APP_SECRET_KEY",
    "VAPID_PRIVATE_KEY",
    "ORIGIN_VERIFY_SECRET",
    "WEBHOOK_TOKEN",
    "PLEX_WEBHOOK_TOKEN",
    "NOTIFY_URLS",
    "NOTIFY_WEBHOOK_SECRET",
    "DISCORD_WEBHOOK_URL",
  ])("reports the secret-like name %s", async (name) => {
    expect(await messagesOf(p, env({ [name]: "x" }))).toEqual([
      `Environment variable '${name}' looks like a secret by its name; read it from Secrets Manager instead.`,
    ]);
  });
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    ["-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----", "a PEM private key"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl", "a JSON Web Token"],
    ["postgres://admin:hunter2@db.example.com/app", "a URL with embedded credentials"],
    ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a high-entropy token"],
    ["https://example.com/list/radarr?token=Xq3vB9kLm2Pz7Rt5Wy8Nc4Hd6Jf1Gs0A", "a high-entropy token"],
  ])("reports the secret-like value %s", async (value, kind) => {
    expect(await messagesOf(p, env({ UPSTREAM: value }))).toEqual([
      `Environment variable 'UPSTREAM' holds what looks like ${kind}; read it from Secrets Manager instead.`,
    ]);
  });
});

describe("the runtime's secret variables", () => {
  it("are each recognised by name, so none can reach a Lambda environment", () => {
    expect(SECRET_VARIABLES.filter((name: string) => !secretLikeName(name))).toEqual([]);
  });
});

describe("secret-like values under a public name", () => {
  it("still reports a private key whose variable is called PUBLIC", async () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----";
    expect(await messagesOf(disallowSecretsInEnvironment, env({ PUBLIC_CERT: pem }))).toEqual([
      "Environment variable 'PUBLIC_CERT' holds what looks like a PEM private key; read it from Secrets Manager instead.",
    ]);
  });
});

describe("aws-lambda-permission-restrict-principal", () => {
  const p = restrictPermissionPrincipal;
  const perm = (props: object) => record("aws:lambda/permission:Permission", "perm", { function: "stellarr-api", ...props });
  it("has metadata", () => expectMetadata(p, "aws-lambda-permission-restrict-principal"));
  it("passes for Function URL grants and scoped service grants", async () => {
    const rs = [
      perm({ action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" }),
      perm({ action: "lambda:InvokeFunction", principal: "*", invokedViaFunctionUrl: true }),
      perm(a.permission()),
      perm({ action: "lambda:InvokeFunction", principal: a.ACCOUNT }),
    ];
    expect(await messagesOf(p, rs)).toEqual([]);
  });
  it("reports '*' outside a Function URL", async () => {
    expect(await messagesOf(p, perm({ action: "lambda:InvokeFunction", principal: "*" }))).toEqual([
      "The permission lets any principal ('*') call lambda:InvokeFunction outside a Function URL.",
    ]);
  });
  it("reports a service principal without sourceArn", async () => {
    expect(await messagesOf(p, perm({ action: "lambda:InvokeFunction", principal: "events.amazonaws.com" }))).toEqual([
      "The permission for events.amazonaws.com has no sourceArn, so any resource of that service in any account can invoke the function.",
    ]);
  });
});
