export { DeliveryService } from './DeliveryService';
export type { DeliveryTarget } from './DeliveryService';
