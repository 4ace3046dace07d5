export { kubernetesProxyGuardModule as default } from './module';
