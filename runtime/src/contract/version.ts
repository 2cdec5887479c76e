/** The version every shape reports (`/api/health`, `/config.json`) and the AWS stack deploys. */
export const VERSION = "0.1.0";
