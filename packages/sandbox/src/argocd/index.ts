export { ArgoCdController, DEFAULT_ARGO_TIMINGS } from './ArgoCdController';
export type { ArgoTimings } from './ArgoCdController';
export { ArgoCdServer, SANDBOX_ARGOCD_VERSION } from './ArgoCdServer';
export * from './payloads';
