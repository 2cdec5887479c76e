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
