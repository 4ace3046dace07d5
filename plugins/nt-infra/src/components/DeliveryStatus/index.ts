export { DeliveryStatus } from './DeliveryStatus';
export { EntityDeliveryCard } from './EntityDeliveryCard';
