/** Catalog annotation: comma-separated regions an entity runs in (e.g. `eastus,westus`). @public */
export const ANNOTATION_REGIONS = 'nt-infra/regions';

/** Catalog annotation: name of the entity's Traffic Manager profile (e.g. `tm-ntai-production`). @public */
export const ANNOTATION_TRAFFIC_MANAGER_PROFILE =
  'nt-infra/traffic-manager-profile';

/** The plugin id, shared by the frontend and backend plugins. @public */
export const NT_INFRA_PLUGIN_ID = 'nt-infra';
