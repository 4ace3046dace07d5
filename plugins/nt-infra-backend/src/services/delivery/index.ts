export { createDelivery } from './createDelivery';
export { DeliveryService } from './DeliveryService';
export type { DeliveryTarget } from './DeliveryService';
