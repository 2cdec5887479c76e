/**
 * Bundle-time stand-in for `@aws-sdk/lib-dynamodb` (the Lambda build aliases the package to this
 * file: `--alias:@aws-sdk/lib-dynamodb=<this file>`).
 *
 * dynamodb-toolbox imports ten command classes from lib-dynamodb but only uses them to wrap command
 * inputs for a document client's `send()`. Our document client (`client.ts`) signs and sends with
 * lib/sigv4.ts and lib/aws-transport.ts and reads the operation from `cmd.op` — never `constructor.name`, which minification
 * renames — so these empty classes keep the whole AWS SDK (≈500 KB) out of the bundle.
 */
type Input = Record<string, unknown>;

const command = (op: string) =>
  class {
    static readonly op = op;
    readonly op = op;
    constructor(readonly input: Input) {}
  };

export const GetCommand = command("GetItem");
export const PutCommand = command("PutItem");
export const DeleteCommand = command("DeleteItem");
export const UpdateCommand = command("UpdateItem");
export const QueryCommand = command("Query");
export const ScanCommand = command("Scan");
export const BatchGetCommand = command("BatchGetItem");
export const BatchWriteCommand = command("BatchWriteItem");
export const TransactGetCommand = command("TransactGetItems");
export const TransactWriteCommand = command("TransactWriteItems");
/** Only referenced as a type by toolbox; present so the alias satisfies every named import. */
export class DynamoDBDocumentClient {}
