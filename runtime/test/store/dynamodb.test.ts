import { runStoreContract } from "../contract/store-contract.js";
import { dynamoStoreFactory } from "../support/dynalite.js";

runStoreContract(dynamoStoreFactory);
