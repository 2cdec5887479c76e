/**
 * Graph checks shared by the stack tests: each returns the list of violations (empty = compliant),
 * so a test can show both that the real graph is clean and that a deliberately broken copy is caught.
 */
import { SECRET_VARIABLES } from "../components/runtime-env.js";
import { ORIGIN_VERIFY_HEADER } from "../aws/builders/cloudfront.js";
import { policyProblems, type PolicyDocument } from "../aws/builders/iam.js";
import type { RecordedResource } from "@stellarr/testkit/pulumi/recorder";

export const T = {
  container: "docker:index/container:Container",
  bucket: "aws:s3/bucket:Bucket",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketAcl: "aws:s3/bucketAcl:BucketAcl",
  distribution: "aws:cloudfront/distribution:Distribution",
  functionUrl: "aws:lambda/functionUrl:FunctionUrl",
  lambda: "aws:lambda/function:Function",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  role: "aws:iam/role:Role",
  table: "aws:dynamodb/table:Table",
} as const;

export const ofType = (g: RecordedResource[], type: string) => g.filter((r) => r.type === type);
export const one = (g: RecordedResource[], type: string, name?: string): RecordedResource => {
  const found = g.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
  return found[0]!;
};
/** Deep copy, for mutation tests. */
export const clone = (g: RecordedResource[]): RecordedResource[] => structuredClone(g);

/** Docker: only the proxy publishes ports; nothing privileged, on the host network, or with extra capabilities. */
export function dockerViolations(g: RecordedResource[], proxyName: string): string[] {
  const v: string[] = [];
  for (const c of ofType(g, T.container)) {
    const i = c.inputs;
    const isProxy = c.name === proxyName;
    if (!isProxy && ((i.ports?.length ?? 0) > 0 || i.publishAllPorts)) v.push(`${c.name}: publishes ports but is not the proxy`);
    if (i.privileged) v.push(`${c.name}: privileged`);
    if (i.networkMode === "host" || i.pidMode === "host" || i.ipcMode === "host") v.push(`${c.name}: shares a host namespace`);
    const adds: string[] = i.capabilities?.adds ?? [];
    const allowed = isProxy ? ["NET_BIND_SERVICE"] : [];
    for (const a of adds) if (!allowed.includes(a)) v.push(`${c.name}: adds capability ${a}`);
    if (!(i.capabilities?.drops ?? []).includes("ALL")) v.push(`${c.name}: does not drop all capabilities`);
    if (!(i.securityOpts ?? []).includes("no-new-privileges:true")) v.push(`${c.name}: allows new privileges`);
    if ((i.devices?.length ?? 0) > 0) v.push(`${c.name}: maps host devices`);
    for (const vol of i.volumes ?? []) if (vol.hostPath) v.push(`${c.name}: bind-mounts host path ${vol.hostPath}`);
    for (const m of i.mounts ?? []) if (m.type === "bind") v.push(`${c.name}: bind-mounts ${m.source}`);
    if (isProxy && (i.ports?.length ?? 0) === 0) v.push(`${c.name}: the proxy publishes no port`);
  }
  return v;
}

const parsePolicy = (p: unknown): PolicyDocument => (typeof p === "string" ? JSON.parse(p) : (p as PolicyDocument));

/** S3: every bucket private (PAB all four, SSE), no ACL, and bucket policies grant only CloudFront for this distribution. */
export function bucketViolations(g: RecordedResource[]): string[] {
  const v: string[] = [];
  const idOf = (r: RecordedResource) => r.id;
  for (const b of ofType(g, T.bucket)) {
    const pab = ofType(g, T.pab).find((p) => p.inputs.bucket === idOf(b));
    if (!pab) v.push(`${b.name}: no public access block`);
    else
      for (const f of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
        if (pab.inputs[f] !== true) v.push(`${b.name}: ${f} is not true`);
    if (!ofType(g, T.sse).some((s) => s.inputs.bucket === idOf(b))) v.push(`${b.name}: no default encryption`);
    if (b.inputs.acl && b.inputs.acl !== "private") v.push(`${b.name}: ACL ${b.inputs.acl}`);
  }
  for (const a of ofType(g, T.bucketAcl)) if (a.inputs.acl !== "private") v.push(`${a.name}: bucket ACL ${a.inputs.acl}`);
  for (const p of ofType(g, T.bucketPolicy)) {
    for (const s of parsePolicy(p.inputs.policy).Statement) {
      if (s.Effect !== "Allow") continue;
      const principal = JSON.stringify(s.Principal ?? {});
      if (principal.includes('"*"')) v.push(`${p.name}: allows any principal`);
      else if (s.Principal?.Service !== "cloudfront.amazonaws.com") v.push(`${p.name}: allows ${principal}`);
      else if (!String(s.Condition?.StringEquals?.["AWS:SourceArn"] ?? "").startsWith("arn:aws:cloudfront::"))
        v.push(`${p.name}: CloudFront grant without a distribution source-ARN condition`);
    }
  }
  return v;
}

/** CloudFront: OAC on every S3 origin; the API origin carries the origin-verify header; HTTPS to viewers; no error rewriting. */
export function distributionViolations(g: RecordedResource[]): string[] {
  const v: string[] = [];
  for (const d of ofType(g, T.distribution)) {
    for (const o of d.inputs.origins ?? []) {
      const isS3 = /\.s3\.[a-z0-9-]+\.amazonaws\.com$/.test(o.domainName ?? "") || o.s3OriginConfig !== undefined;
      if (isS3 && !o.originAccessControlId) v.push(`${d.name}: S3 origin ${o.originId} without origin access control`);
      if (!isS3) {
        const header = (o.customHeaders ?? []).find((h: any) => String(h.name).toLowerCase() === ORIGIN_VERIFY_HEADER.toLowerCase());
        if (!header || !header.value || String(header.value).length < 32)
          v.push(`${d.name}: origin ${o.originId} without the ${ORIGIN_VERIFY_HEADER} secret`);
        if (o.customOriginConfig?.originProtocolPolicy !== "https-only") v.push(`${d.name}: origin ${o.originId} not https-only`);
      }
    }
    const behaviours = [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])];
    for (const b of behaviours)
      if (b.viewerProtocolPolicy === "allow-all") v.push(`${d.name}: ${b.pathPattern ?? "default"} allows plain HTTP`);
    if ((d.inputs.customErrorResponses ?? []).length > 0) v.push(`${d.name}: distribution-wide custom error responses rewrite API errors`);
  }
  return v;
}

/** Lambda: a public (auth NONE) Function URL needs reserved concurrency and a distribution sending the origin-verify secret. */
export function functionUrlViolations(g: RecordedResource[]): string[] {
  const v: string[] = [];
  const guarded =
    distributionViolations(g).filter((x) => x.includes(ORIGIN_VERIFY_HEADER)).length === 0 && ofType(g, T.distribution).length > 0;
  for (const u of ofType(g, T.functionUrl)) {
    if (u.inputs.authorizationType !== "NONE") continue;
    const fn = ofType(g, T.lambda).find((f) => f.inputs.name === u.inputs.functionName);
    if (!fn) v.push(`${u.name}: URL of an unknown function`);
    else if (!(fn.inputs.reservedConcurrentExecutions > 0)) v.push(`${u.name}: public Function URL without reserved concurrency`);
    if (!guarded) v.push(`${u.name}: public Function URL not guarded by the origin-verify header`);
  }
  return v;
}

/**
 * IAM: every role policy without wildcard actions and scoped to resources; `lambda:Invoke*` only on this
 * graph's functions, by their exact ARN; one role per function.
 */
export function iamViolations(g: RecordedResource[]): string[] {
  const v: string[] = [];
  const functionArns = new Set(ofType(g, T.lambda).map((f) => f.state.arn as string));
  for (const p of ofType(g, T.rolePolicy)) {
    const doc = parsePolicy(p.inputs.policy);
    for (const problem of policyProblems(doc)) v.push(`${p.name}: ${problem}`);
    doc.Statement.forEach((s, i) => {
      if (s.Effect !== "Allow" || !s.Action.some((a) => /^lambda:invoke/i.test(a))) return;
      for (const r of s.Resource ?? [])
        if (!functionArns.has(r)) v.push(`${p.name}: ${s.Sid ?? `statement ${i}`}: invokes ${r}, not a function of this stack`);
    });
  }
  const roles = ofType(g, T.lambda).map((f) => f.inputs.role);
  if (new Set(roles).size !== roles.length) v.push("functions share an execution role");
  if (ofType(g, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length > 0) v.push("managed policy attached (not least privilege)");
  return v;
}

/** Secrets never in a Lambda environment. */
export function lambdaEnvViolations(g: RecordedResource[]): string[] {
  const v: string[] = [];
  for (const f of ofType(g, T.lambda)) {
    for (const k of Object.keys(f.inputs.environment?.variables ?? {}))
      if ((SECRET_VARIABLES as readonly string[]).includes(k)) v.push(`${f.name}: secret ${k} in the environment`);
  }
  return v;
}

/** DynamoDB: on-demand, TTL, PITR, SSE, deletion protection (unless forceDestroy). */
export function tableViolations(g: RecordedResource[], forceDestroy = false): string[] {
  const v: string[] = [];
  for (const t of ofType(g, T.table)) {
    const i = t.inputs;
    if (i.billingMode !== "PAY_PER_REQUEST") v.push(`${t.name}: not on-demand`);
    if (!i.ttl?.enabled || !i.ttl?.attributeName) v.push(`${t.name}: no TTL`);
    if (!i.pointInTimeRecovery?.enabled) v.push(`${t.name}: no point-in-time recovery`);
    if (!i.serverSideEncryption?.enabled) v.push(`${t.name}: no explicit encryption`);
    if (!forceDestroy && !i.deletionProtectionEnabled) v.push(`${t.name}: no deletion protection`);
  }
  return v;
}

export function awsViolations(g: RecordedResource[]): string[] {
  return [
    ...bucketViolations(g),
    ...distributionViolations(g),
    ...functionUrlViolations(g),
    ...iamViolations(g),
    ...lambdaEnvViolations(g),
    ...tableViolations(g),
  ];
}
