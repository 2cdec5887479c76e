/**
 * Feed and webhook tokens: the configured secret when non-empty, else a generated one. Both targets
 * use this so the stack can always output working feed/webhook URLs (as secrets).
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** A random URL-safe secret (letters and digits only: it travels in query strings). */
export function generatedSecret(name: string, length: number, parent: pulumi.Resource): pulumi.Output<string> {
  const pw = new random.RandomPassword(name, { length, special: false, upper: true, lower: true, numeric: true }, { parent });
  return pulumi.secret(pw.result);
}

/** `configured` unless it is unset or empty (empty means unset), then `generated`; always secret. */
export function configuredOr(configured: pulumi.Output<string> | undefined, generated: pulumi.Output<string>): pulumi.Output<string> {
  if (configured === undefined) return pulumi.secret(generated);
  return pulumi.secret(pulumi.all([configured, generated]).apply(([c, g]) => (c.trim() ? c.trim() : g)));
}

/** Configured secret values that are set (non-empty), as `VAR → value`; secret. */
export function presentSecrets(entries: Record<string, pulumi.Output<string> | undefined>): pulumi.Output<Record<string, string>> {
  const names = Object.keys(entries).filter((k) => entries[k] !== undefined);
  return pulumi.secret(
    pulumi.all(names.map((k) => entries[k]!)).apply((values) => {
      const out: Record<string, string> = {};
      names.forEach((k, i) => {
        const v = values[i]?.trim();
        if (v) out[k] = v;
      });
      return out;
    }),
  );
}

/**
 * A secret config key with an old name still accepted (`stellarr:webhookToken`, formerly
 * `stellarr:plexWebhookToken`): whichever is set (non-empty). Undefined when neither key exists; secret.
 * The deployment fails when both are set to different values (`pickAliased`).
 */
export function aliasedSecret(
  current: { key: string; value: pulumi.Output<string> | undefined },
  old: { key: string; value: pulumi.Output<string> | undefined },
): pulumi.Output<string> | undefined {
  if (current.value === undefined && old.value === undefined) return undefined;
  return pulumi.secret(
    pulumi
      .all([current.value ?? "", old.value ?? ""])
      .apply(([c, o]) => pickAliased({ key: current.key, value: c }, { key: old.key, value: o })),
  );
}

/** The value of a key or of its old name; both set to different values is an error naming both keys — never their values. */
export function pickAliased(current: { key: string; value: string }, old: { key: string; value: string }): string {
  const [a, b] = [current.value.trim(), old.value.trim()];
  if (a && b && a !== b) {
    throw new Error(
      `${current.key} and ${old.key} (its old name) are both set, to different values: keep ${current.key} only (pulumi config rm ${old.key})`,
    );
  }
  return a || b;
}
