import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateContainerRegistry } from './containerRegistry';

describe('validateContainerRegistry', () => {
  it('accepts the repository registry, images and pull grant', async () => {
    expect(formatProblems(await validateContainerRegistry(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform', 'kubernetes']);
    });
    afterEach(() => removeTemp(root));
    const messages = async () =>
      formatProblems(await validateContainerRegistry(root));
    const aks = 'terraform/modules/aks-cluster/main.tf';

    it('reports a cluster whose kubelet identity cannot pull', async () => {
      plant(
        root,
        aks,
        'role_definition_name = "AcrPull"',
        'role_definition_name = "AcrPush"',
      );
      expect(await messages()).toMatch(
        /aks-cluster\/main\.tf: no AcrPull role assignment for the kubelet identity/,
      );
    });

    it('reports AcrPull granted to the cluster identity instead of the kubelet', async () => {
      plant(
        root,
        aks,
        'principal_id         = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id',
        'principal_id         = azurerm_kubernetes_cluster.this.identity[0].principal_id',
      );
      expect(await messages()).toMatch(
        /no AcrPull role assignment for the kubelet identity/,
      );
    });

    it('reports a grant on another scope and an image from another registry', async () => {
      plant(
        root,
        aks,
        'scope                = var.container_registry_id',
        'scope                = var.ingress_resource_group_id',
      );
      plant(
        root,
        'kubernetes/base/kustomization.yaml',
        'newName: crntai.azurecr.io/ntai-web',
        'newName: docker.io/ntai/ntai-web',
      );
      const out = await messages();
      expect(out).toMatch(
        /AcrPull must be scoped to var\.container_registry_id/,
      );
      expect(out).toMatch(
        /base\/kustomization\.yaml: image docker\.io\/ntai\/ntai-web is not in crntai\.azurecr\.io/,
      );
    });
  });
});
