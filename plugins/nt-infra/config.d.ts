export interface Config {
  ntInfra?: {
    /**
     * The team's Grafana, for "Open in Grafana" links from regions, runs and
     * GameDays to the dashboards of monitoring/grafana. Without a base URL
     * the links are not shown.
     */
    grafana?: {
      /**
       * e.g. https://ntai-grafana-abc.wus2.grafana.azure.com
       * @visibility frontend
       */
      baseUrl?: string;
      /**
       * The Prometheus data source uid of each environment, set as the
       * dashboards' `datasource` variable; the dashboard default otherwise.
       * @visibility frontend
       */
      dataSources?: {
        /** @visibility frontend */
        staging?: string;
        /** @visibility frontend */
        production?: string;
      };
    };
    /**
     * The Azure portal of the subscriptions the environments run in, for
     * "Open in Azure portal" links (Traffic Manager profiles). Not shown
     * without a base URL, e.g. against the embedded world.
     */
    azurePortal?: {
      /**
       * e.g. https://portal.azure.com
       * @visibility frontend
       */
      baseUrl?: string;
      /**
       * Tenant domain or id, so links open in the right directory.
       * @visibility frontend
       */
      tenant?: string;
    };
  };
}
