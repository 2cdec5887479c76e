/** A secret store holding one JSON object of strings (AWS: Secrets Manager; the Lambda shapes read their configuration from it). */
export interface SecretsManager {
  /** The secret's `SecretString` parsed as a JSON object of strings. */
  getSecretJson(secretId: string): Promise<Record<string, string>>;
}
