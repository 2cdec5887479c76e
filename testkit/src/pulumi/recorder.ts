/**
 * Pulumi mocks that record the whole resource graph (stack-notes.md §1). Every test file installs
 * them before building anything, and awaits `settle()` before the next `installMocks`.
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  urn: string;
  /** Physical id the mock gave a custom resource: `<type's last segment, lowercase>-<name>`. */
  id?: string;
  inputs: Record<string, any>;
  state: Record<string, any>;
  parent?: string;
  custom: boolean;
  /** URNs this resource depends on (explicit `dependsOn` and input dependencies). */
  dependencies?: string[];
  /** Dotted paths of inputs that were Pulumi secrets (unwrapped in `inputs`). */
  secretInputs?: string[];
}

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Replaces Pulumi's secret envelopes by their values, noting where they were. */
export function unwrapSecrets(value: any, at: string, paths: string[]): any {
  if (Array.isArray(value)) return value.map((v, i) => unwrapSecrets(v, `${at}[${i}]`, paths));
  if (value && typeof value === "object") {
    if (value[SECRET_SIG_KEY] === SECRET_SIG) {
      paths.push(at);
      return unwrapSecrets(value.value, at, paths);
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unwrapSecrets(v, at ? `${at}.${k}` : k, paths);
    return out;
  }
  return value;
}

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";

let ecKey: { privateKeyPem: string; publicKeyPem: string } | undefined;
/** A real P-256 key, so the VAPID conversion in the stack really runs under mocks. */
function ecdsaKey() {
  if (!ecKey) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    ecKey = {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  }
  return ecKey;
}

const alnum = (seed: string, length: number) => {
  let out = "";
  for (let i = 0; out.length < length; i++)
    out += createHash("sha256")
      .update(`${seed}:${i}`)
      .digest("base64")
      .replace(/[^A-Za-z0-9]/g, "");
  return out.slice(0, length);
};

/** Provider-computed outputs the program reads, keyed by type token. */
function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const s: Record<string, any> = { ...inputs };
  const region = typeof inputs.region === "string" ? inputs.region : REGION;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = inputs.bucket ?? `${name}-a1b2c3d`;
      Object.assign(s, { bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${REGION}.amazonaws.com` });
      break;
    }
    case "aws:dynamodb/table:Table":
      Object.assign(s, { arn: arn("dynamodb", `table/${inputs.name ?? name}`), name: inputs.name ?? name });
      break;
    case "aws:lambda/function:Function": {
      const fn = inputs.name ?? name;
      Object.assign(s, {
        arn: arn("lambda", `function:${fn}`),
        name: fn,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/functions/${fn}`,
      });
      break;
    }
    case "aws:lambda/functionUrl:FunctionUrl":
      s.functionUrl = `https://${alnum(name, 32).toLowerCase()}.lambda-url.${REGION}.on.aws/`;
      break;
    case "aws:iam/role:Role":
      Object.assign(s, { arn: `arn:aws:iam::${ACCOUNT}:role/${inputs.name ?? name}`, name: inputs.name ?? name });
      break;
    case "aws:secretsmanager/secret:Secret":
      Object.assign(s, { arn: arn("secretsmanager", `secret:${inputs.name ?? name}-AbCdEf`) });
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      Object.assign(s, { arn: arn("logs", `log-group:${inputs.name ?? name}`), name: inputs.name ?? name });
      break;
    case "aws:cloudwatch/eventRule:EventRule":
      Object.assign(s, { arn: arn("events", `rule/${inputs.name ?? name}`) });
      break;
    case "aws:cloudfront/distribution:Distribution":
      Object.assign(s, {
        arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2MOCK${alnum(name, 6).toUpperCase()}`,
        domainName: DISTRIBUTION_DOMAIN,
        hostedZoneId: "Z2FDTNDATAQYW2",
      });
      break;
    case "aws:cloudfront/function:Function":
      s.arn = `arn:aws:cloudfront::${ACCOUNT}:function/${inputs.name ?? name}`;
      break;
    case "aws:wafv2/webAcl:WebAcl":
      s.arn = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/${inputs.name ?? name}/mock`;
      break;
    case "aws:acm/certificate:Certificate":
      Object.assign(s, {
        arn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/mock-${name}`,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_abc.${inputs.domainName}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_def.acm-validations.aws.",
          },
        ],
      });
      break;
    case "aws:route53/record:Record":
      s.fqdn = String(inputs.name).replace(/\.$/, "");
      break;
    case "random:index/randomPassword:RandomPassword":
      s.result = alnum(`pw:${name}`, inputs.length ?? 32);
      break;
    case "tls:index/privateKey:PrivateKey":
      Object.assign(s, ecdsaKey());
      break;
    case "docker:index/image:Image":
      s.repoDigest = `sha256:${createHash("sha256").update(name).digest("hex")}`;
      break;
    case "docker:index/remoteImage:RemoteImage":
      s.imageId = `sha256:${createHash("sha256")
        .update(inputs.name ?? name)
        .digest("hex")}`;
      break;
    default:
      if (type.startsWith("aws:") && s.arn === undefined) s.arn = arn(type.split(":")[1]!.split("/")[0]!, name);
  }
  // Auto-naming: the provider would fill in a physical name.
  if ((type.startsWith("docker:") || type.startsWith("aws:")) && s.name === undefined) s.name = name;
  return s;
}

export interface Recorder {
  resources: RecordedResource[];
}

/**
 * Installs recording mocks; `config` keys are full (`stellarr:target`), `secretKeys` mark secrets.
 * Project and stack default to the environment Pulumi's language host sets (PULUMI_NODEJS_*).
 */
export async function installMocks(
  opts: {
    project?: string;
    stack?: string;
    preview?: boolean;
    config?: Record<string, string>;
    secretKeys?: string[];
  } = {},
): Promise<Recorder> {
  const recorder: Recorder = { resources: [] };
  const project = opts.project ?? process.env.PULUMI_NODEJS_PROJECT ?? "stellarr";
  const stack = opts.stack ?? process.env.PULUMI_NODEJS_STACK ?? "test";
  let currentParent: string | undefined;
  let currentDependencies: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretInputs);
        const state = mockState(args.type, args.name, inputs);
        const parent = currentParent;
        const dependencies = currentDependencies;
        const id = args.custom ? mockId(args.type, args.name) : undefined;
        recorder.resources.push({
          type: args.type,
          name: args.name,
          urn: urnOf(project, stack, parent, args.type, args.name),
          ...(id ? { id } : {}),
          inputs,
          state,
          ...(parent ? { parent } : {}),
          ...(dependencies.length > 0 ? { dependencies } : {}),
          custom: args.custom ?? false,
          ...(secretInputs.length > 0 ? { secretInputs } : {}),
        });
        return { id, state } as pulumi.runtime.MockResourceResult;
      },
      call(args) {
        switch (args.token) {
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "AIDMOCK", id: ACCOUNT };
          case "aws:index/getRegion:getRegion":
            return { region: REGION, name: REGION, id: REGION };
          case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
          default:
            return args.inputs;
        }
      },
    },
    project,
    stack,
    opts.preview ?? false,
  );
  // The mock monitor does not tell `newResource` the parent; capture it from the request, which
  // `registerResource` hands to `newResource` synchronously.
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: any) => {
    currentParent = req.getParent() || undefined;
    currentDependencies = [...new Set<string>(req.getDependenciesList())];
    try {
      return register(req, cb);
    } finally {
      currentParent = undefined;
      currentDependencies = [];
    }
  };
  // Without `config`, the config the process got from its environment (PULUMI_CONFIG) stays.
  if (opts.config) pulumi.runtime.setAllConfig(opts.config, opts.secretKeys ?? []);
  return recorder;
}

/** Unique per type and name (several children of one component share its name). */
export const mockId = (type: string, name: string): string => `${type.split(":").pop()!.toLowerCase()}-${name}`;

/** The same URN scheme as Pulumi's MockMonitor (`parentType$type`). */
function urnOf(project: string, stack: string, parent: string | undefined, type: string, name: string): string {
  let qualified = type;
  if (parent) qualified = `${parent.split("::")[2]!.split("$").pop()}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Drains pending registrations (waitForRPCs is exported at runtime but not in the typings). */
export const settle = (): Promise<void> => (pulumi.runtime as any).waitForRPCs();

/** Resolves an Output's value (rejects after `ms` if it stays unknown). */
export function valueOf<T>(o: pulumi.Output<T> | pulumi.Input<T>, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("output did not resolve (unknown?)")), ms);
    pulumi.output(o).apply((v) => {
      clearTimeout(t);
      resolve(v as T);
      return v;
    });
  });
}

/** Whether an Output is marked secret. */
export const isSecret = (o: pulumi.Output<unknown>): Promise<boolean> => pulumi.isSecret(o);
