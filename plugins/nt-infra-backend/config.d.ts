export interface Config {
  /** Configuration of the nt-infra backend plugin. */
  ntInfra?: {
    /**
     * The environments the portal operates, each with its Azure Traffic
     * Manager profile and the regions behind it (primary first).
     */
    environments: Array<{
      /** `staging` or `production`. */
      name: 'staging' | 'production';
      trafficManager: {
        subscriptionId: string;
        resourceGroup: string;
        profileName: string;
      };
      regions: Array<{
        /** Azure region name, e.g. `eastus`. */
        name: string;
        displayName: string;
        role: 'primary' | 'secondary';
        /** The region's endpoint name in the Traffic Manager profile. */
        trafficManagerEndpoint: string;
        /** The region's cluster name, as configured for the kubernetes plugin. */
        cluster: string;
      }>;
    }>;
  };
}
