import type { PolicyResource } from "@pulumi/policy";

/** Props as the policies read them: plain JSON-ish data (inputs for resource policies, outputs for stack policies). */
export type Props = Record<string, any>;

/** A resource as stack policies see it; only the fields the policies read. */
export type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props">;

export function asArray<T = any>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as T[]) : [value as T];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function ofType(resources: readonly StackResource[], type: string): StackResource[] {
  return resources.filter((r) => r.type === type);
}

// Fields a resource can be referenced by from another resource's props. Which one a reference
// holds depends on the resource type and on whether the engine or a test mock produced it,
// so matching any of them keeps the stack policies independent of those details.
const IDENTIFYING_FIELDS = ["id", "arn", "name", "bucket", "functionName", "qualifiedArn", "functionUrl"] as const;

export function identifiers(resource: Pick<StackResource, "props">): Set<string> {
  const ids = new Set<string>();
  for (const field of IDENTIFYING_FIELDS) {
    const value = asString(resource.props[field]);
    if (value) ids.add(value);
  }
  return ids;
}

export function refersTo(reference: unknown, resource: Pick<StackResource, "props">): boolean {
  const value = asString(reference);
  return value !== undefined && identifiers(resource).has(value);
}

/** Tags as a plain map; `tagsAll` is ignored because provider default tags do not show up in inputs. */
export function tagsOf(props: Props): Record<string, string> {
  const tags = props["tags"];
  return tags && typeof tags === "object" && !Array.isArray(tags) ? (tags as Record<string, string>) : {};
}

/** Merge a policy's configured values over its defaults (the CLI applies schema defaults, tests do not). */
export function configWithDefaults<T extends object>(defaults: T, getConfig: () => Partial<T>): T {
  let configured: Partial<T> = {};
  try {
    configured = getConfig() ?? {};
  } catch {
    configured = {};
  }
  return { ...defaults, ...configured };
}

/**
 * Marks a stack validation with the type it is about, the way `validateStackResourcesOfType` does, so the
 * engine (and the offline harness) report it not applicable to stacks without such resources.
 */
export function aboutType<F extends (...args: any[]) => unknown>(type: string, validate: F): F {
  (validate as F & { __pulumiType?: string }).__pulumiType = type;
  return validate;
}
