/**
 * Channel tests on AWS: the notifier function sends (it holds the senders and the SSRF guard),
 * invoked synchronously by the API function (app/notify/remote-channel-test.ts). Lambda's
 * refusals become the test's 502/503/504 (`ChannelTestUnavailableError`). Loaded with the first
 * test (lambda-api.ts), so no cold start pays for it.
 */
import { InvokeError } from "../adapters/lambda/invoke.js";
import { createRequestInvoker } from "../adapters/lambda/invoke-request.js";
import { remoteChannelTester } from "../app/notify/remote-channel-test.js";
import type { AwsSettings } from "../config/aws.js";
import { ChannelTestUnavailableError, type ChannelTester } from "../ports/channel-tester.js";

export function notifierChannelTester(settings: AwsSettings & { notifierFunction: string }): ChannelTester {
  const invoke = createRequestInvoker({
    functionName: settings.notifierFunction,
    region: settings.region,
    endpoint: settings.endpoints.lambda,
    credentials: settings.credentials,
  });
  return remoteChannelTester(async (event, timeoutMs) => {
    try {
      return await invoke(event, timeoutMs);
    } catch (err) {
      if (!(err instanceof InvokeError)) throw err;
      throw new ChannelTestUnavailableError(err.kind === "timeout" ? "timeout" : err.kind === "throttled" ? "busy" : "failed", err.message);
    }
  });
}
