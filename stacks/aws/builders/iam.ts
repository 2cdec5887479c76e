/**
 * IAM documents (pure). One least-privilege role per function: no `*` actions, every statement
 * scoped to this stack's resources. Policies are tested without mocks.
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource?: string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function lambdaAssumeRolePolicy(accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** Item operations the store adapter uses. Never Scan: no table scan on any path (product.md §12). */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:TransactWriteItems",
  "dynamodb:ConditionCheckItem",
] as const;

const logsStatement = (logGroupArn: string): PolicyStatement => ({
  Sid: "WriteOwnLogs",
  Effect: "Allow",
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: [`${logGroupArn}:*`],
});
const secretStatement = (secretArn: string): PolicyStatement => ({
  Sid: "ReadAppSecret",
  Effect: "Allow",
  Action: ["secretsmanager:GetSecretValue"],
  Resource: [secretArn],
});
const tableStatement = (tableArn: string, actions: readonly string[]): PolicyStatement => ({
  Sid: "UseTable",
  Effect: "Allow",
  Action: [...actions],
  Resource: [tableArn, `${tableArn}/index/*`],
});

/**
 * The API also hands fulfilments to the notifier (an asynchronous invocation) and asks it for channel tests
 * (a synchronous one): both are `lambda:InvokeFunction` on exactly that function's unqualified ARN — the
 * one an invocation by name resolves to.
 */
export function apiPolicy(r: { tableArn: string; secretArn: string; logGroupArn: string; notifierArn: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      tableStatement(r.tableArn, TABLE_ACTIONS),
      secretStatement(r.secretArn),
      logsStatement(r.logGroupArn),
      { Sid: "InvokeNotifier", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [r.notifierArn] },
    ],
  };
}

/** Item operations the notifier needs: read requests and channels, claim deliveries, record their outcome. */
export const NOTIFIER_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
] as const;

/** The notifier delivers fulfilments to channels: the table's items (the table itself, no index) and the secret. */
export function notifierPolicy(r: { tableArn: string; secretArn: string; logGroupArn: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "UseTable", Effect: "Allow", Action: [...NOTIFIER_TABLE_ACTIONS], Resource: [r.tableArn] },
      secretStatement(r.secretArn),
      logsStatement(r.logGroupArn),
    ],
  };
}

/** The warmer writes trending files and refreshes external ids of pending requests. */
export function warmerPolicy(r: { tableArn: string; secretArn: string; logGroupArn: string; trendingBucketArn: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "WriteTrendingFiles", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${r.trendingBucketArn}/trending-*.json`] },
      tableStatement(r.tableArn, [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:UpdateItem",
        "dynamodb:PutItem",
      ]),
      secretStatement(r.secretArn),
      logsStatement(r.logGroupArn),
    ],
  };
}

/**
 * Bucket policy for CloudFront origin access control: only this distribution (source-ARN
 * condition) may read. `list` also lets it list, so a missing key is a 404, not a 403.
 */
export function distributionReadPolicy(r: { bucketArn: string; distributionArn: string; list: boolean }): PolicyDocument {
  const condition = { StringEquals: { "AWS:SourceArn": r.distributionArn } };
  const principal = { Service: "cloudfront.amazonaws.com" };
  const statements: PolicyStatement[] = [
    {
      Sid: "CloudFrontReadObjects",
      Effect: "Allow",
      Principal: principal,
      Action: ["s3:GetObject"],
      Resource: [`${r.bucketArn}/*`],
      Condition: condition,
    },
  ];
  if (r.list) {
    statements.push({
      Sid: "CloudFrontListBucket",
      Effect: "Allow",
      Principal: principal,
      Action: ["s3:ListBucket"],
      Resource: [r.bucketArn],
      Condition: condition,
    });
  }
  statements.push({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject"],
    Resource: [r.bucketArn, `${r.bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
  return { Version: "2012-10-17", Statement: statements };
}

/** Problems with a policy: wildcard actions, unscoped resources (returns [] when clean). */
export function policyProblems(doc: PolicyDocument): string[] {
  const problems: string[] = [];
  doc.Statement.forEach((s, i) => {
    const where = s.Sid ?? `statement ${i}`;
    if (s.Effect !== "Allow") return;
    for (const a of s.Action) if (a === "*" || a.endsWith(":*") || a.includes("*")) problems.push(`${where}: wildcard action ${a}`);
    for (const r of s.Resource ?? [])
      if (r === "*" || /^arn:aws:[a-z0-9-]+:[^:]*:[^:]*:\*$/.test(r)) problems.push(`${where}: unscoped resource ${r}`);
    if (!s.Resource && !s.Principal) problems.push(`${where}: no resource`);
  });
  return problems;
}
