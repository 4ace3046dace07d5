export { permissionPolicyModule as default } from './module';
