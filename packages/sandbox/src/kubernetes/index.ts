export { KubeApiServer } from './KubeApiServer';
export { buildKubeconfig } from './kubeconfig';
export { K8sError } from './K8sError';
export { parseLabelSelector, structuredSelector } from './labelSelector';
export { mergePatch } from './mergePatch';
