/** Anna on the demo clinic's staff, an integration key, and the intranet's origin allowed. */
export declare function setUpIntranet(options: {
  baseUrl: string;
  clinic: string;
  token: string;
  intranetOrigin: string;
}): Promise<{ integrationKey: string; staffId: string }>;
