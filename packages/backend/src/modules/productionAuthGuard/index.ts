export { productionAuthGuardModule as default } from './module';
