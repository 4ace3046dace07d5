import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { CatalogIndexPage } from '@backstage/plugin-catalog';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { resilienceColumns } from './resilienceColumns';

/**
 * The catalog index page with the nt-infra "Resilience" column. The new
 * frontend system's page takes no columns, so the page's content is the
 * catalog's own index page given them; path, title and route stay the
 * catalog's (and `app.extensions` config).
 */
export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      params: {
        loader: async () => (
          <CatalogIndexPage pagination columns={resilienceColumns} />
        ),
      },
    }),
  ],
});
