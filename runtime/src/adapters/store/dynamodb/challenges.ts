/** Single-use login challenges on DynamoDB: a conditional put that only the first use (or one after expiry) wins. */
import { PutItemCommand } from "dynamodb-toolbox";
import type { ChallengeStore } from "../../../ports/store/challenges.js";
import { absentOrExpired, withoutToolboxItem, writeIf, type Ctx } from "./context.js";
import { ttlSeconds } from "./schema.js";

export function createDynamoChallenges(ctx: Ctx): ChallengeStore {
  const { ChallengeEntity } = ctx.model;

  async function consumeChallenge(challengeId: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    const params = ChallengeEntity.build(PutItemCommand)
      .item({ challenge_id: challengeId, exp_ms: expiresAtMs, expires_at: ttlSeconds(expiresAtMs) })
      // First use, or the earlier record has expired (not yet deleted by TTL).
      .options({ condition: absentOrExpired("challenge_id", "exp_ms", nowMs) })
      .params();
    return writeIf(ctx, "PutItem", withoutToolboxItem(params));
  }

  return { consumeChallenge };
}
