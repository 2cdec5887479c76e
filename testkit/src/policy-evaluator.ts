// Offline CrossGuard evaluation ("option A", stack-notes §2): calls the policies the way the engine's analyzer
// does, without a PolicyPack, a gRPC server or the Pulumi CLI. Resource policies see each resource's inputs;
// stack policies see every resource's state (outputs), as `analyze` and `analyzeStack` do.
import type {
  EnforcementLevel,
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { RecordedResource } from "./pulumi/recorder.js";

/** One resource as recorded under Pulumi mocks (the recorder, `./pulumi/recorder.ts`, defines the shape). */
export type { RecordedResource };

/** Any policy of a pack. */
export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

const isStackPolicy = (policy: AnyPolicy): policy is StackValidationPolicy =>
  typeof (policy as StackValidationPolicy).validateStack === "function";

export interface Violation {
  policy: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  /** The resource the violation is about: the analysed one for resource policies, the reported one for stack policies. */
  urn?: string;
}

export interface Evaluation {
  violations: Violation[];
  /** Per policy, the reasons it reported itself not applicable (type mismatch or `notApplicable`). */
  notApplicable: Map<string, string[]>;
  /** Per policy, how many resources it ran on to the end (stack policies: 1 per run that was applicable). */
  applied: Map<string, number>;
}

export interface EvaluateOptions {
  /** Policy config by policy name, as `getConfig()` returns it. */
  config?: Record<string, Record<string, unknown>>;
  /** Stack tags handed to the policies. */
  stackTags?: Map<string, string>;
}

class NotApplicableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason ?? "");
};

// The engine compares the class's `__pulumiType` with the resource's type; classes without one fall back to
// `isInstance` on a fake object carrying the type.
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof pulumiType === "string" && pulumiType.length > 0) return pulumiType === type;
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" ? isInstance({ __pulumiType: type }) : false;
}

function pulumiTypeOf(fn: unknown): string | undefined {
  const t = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

// Policies get plain data; a deep copy keeps one policy from mutating what the next one sees.
const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

const EMPTY_OPTS = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

function levelOf(policy: AnyPolicy): EnforcementLevel {
  // The pack has no default level, so the engine's default (advisory) applies to a policy without one.
  return policy.enforcementLevel === "remediate" ? "mandatory" : (policy.enforcementLevel ?? "advisory");
}

export async function evaluate(
  policies: readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const violations: Violation[] = [];
  const notApplicable = new Map<string, string[]>();
  const applied = new Map<string, number>();
  const markApplied = (policy: string) => applied.set(policy, (applied.get(policy) ?? 0) + 1);
  const stackTags = options.stackTags ?? new Map<string, string>();
  const markNotApplicable = (policy: string, reason: string) => {
    const reasons = notApplicable.get(policy) ?? [];
    if (!reasons.includes(reason)) notApplicable.set(policy, [...reasons, reason]);
  };

  for (const policy of policies) {
    const enforcementLevel = levelOf(policy);
    if (enforcementLevel === "disabled") continue;
    const getConfig = <T extends object>() => clone((options.config?.[policy.name] ?? {}) as T);

    if (isStackPolicy(policy)) {
      const wanted = pulumiTypeOf(policy.validateStack);
      if (wanted && !resources.some((r) => r.type === wanted)) {
        markNotApplicable(policy.name, `Policy only applies to resources of type '${wanted}'`);
        continue;
      }
      const byUrn = new Map<string, PolicyResource>();
      const list: PolicyResource[] = resources.map((r) => {
        const props = clone({ ...(r.id !== undefined ? { id: r.id } : {}), ...(r.state ?? {}) });
        const resource: PolicyResource = {
          type: r.type,
          name: r.name,
          urn: r.urn,
          props,
          opts: { ...EMPTY_OPTS },
          dependencies: [],
          propertyDependencies: {},
          isType: (cls) => isTypeOf(r.type, cls),
          asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, resource);
        return resource;
      });
      resources.forEach((r, i) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) list[i]!.parent = parent;
        list[i]!.dependencies = (r.dependencies ?? []).map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
      });
      const args: StackValidationArgs = { resources: list, stackTags, getConfig, notApplicable: throwNotApplicable };
      try {
        await policy.validateStack(args, (message, urn) => violations.push({ policy: policy.name, enforcementLevel, message, urn }));
        markApplied(policy.name);
      } catch (e) {
        if (!(e instanceof NotApplicableError)) throw e;
        markNotApplicable(policy.name, e.reason);
      }
      continue;
    }

    if (!policy.validateResource) continue;
    const validations: ResourceValidation[] = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const r of resources) {
      // The engine's fast path: a single typed validation skips other types without running.
      if (!Array.isArray(policy.validateResource)) {
        const wanted = pulumiTypeOf(policy.validateResource);
        if (wanted && wanted !== r.type) {
          markNotApplicable(policy.name, `Policy only applies to resources of type '${wanted}'`);
          continue;
        }
      }
      let ranToEnd = false;
      for (const validation of validations) {
        const props = clone(r.inputs ?? {});
        const args: ResourceValidationArgs = {
          type: r.type,
          props,
          urn: r.urn,
          name: r.name,
          opts: { ...EMPTY_OPTS, ...(r.parent ? { parent: r.parent } : {}) },
          stackTags,
          isType: (cls) => isTypeOf(r.type, cls),
          asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
          getConfig,
          notApplicable: throwNotApplicable,
        };
        try {
          await validation(args, (message, urn) => violations.push({ policy: policy.name, enforcementLevel, message, urn: urn ?? r.urn }));
          ranToEnd = true;
        } catch (e) {
          if (!(e instanceof NotApplicableError)) throw e;
          markNotApplicable(policy.name, e.reason);
        }
      }
      if (ranToEnd) markApplied(policy.name);
    }
  }
  return { violations, notApplicable, applied };
}

export const mandatory = (e: Evaluation): Violation[] => e.violations.filter((v) => v.enforcementLevel === "mandatory");
