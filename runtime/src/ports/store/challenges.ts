/** Single-use login challenges (product.md §3.1): the signature lives in the challenge, single use here. */

export interface ChallengeStore {
  /** Records the challenge as used. true the first time (ever, until `expiresAtMs`), false afterwards. */
  consumeChallenge(challengeId: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}
