/** The Chaos Mesh kinds the sandbox serves (chaos-mesh.org/v1alpha1). */
export const CHAOS_GROUP = 'chaos-mesh.org';
export const CHAOS_VERSION = 'v1alpha1';
export const CHAOS_API_VERSION = `${CHAOS_GROUP}/${CHAOS_VERSION}`;

export type ChaosKind = 'PodChaos' | 'NetworkChaos' | 'StressChaos';

export const CHAOS_KINDS: {
  kind: ChaosKind;
  plural: string;
  singular: string;
}[] = [
  { kind: 'PodChaos', plural: 'podchaos', singular: 'podchaos' },
  { kind: 'NetworkChaos', plural: 'networkchaos', singular: 'networkchaos' },
  { kind: 'StressChaos', plural: 'stresschaos', singular: 'stresschaos' },
];

export function chaosKindByPlural(plural: string) {
  return CHAOS_KINDS.find(k => k.plural === plural.toLowerCase());
}

export const SELECTOR_MODES = [
  'one',
  'all',
  'fixed',
  'fixed-percent',
  'random-max-percent',
] as const;
export const POD_CHAOS_ACTIONS = [
  'pod-kill',
  'pod-failure',
  'container-kill',
] as const;
export const NETWORK_CHAOS_ACTIONS = [
  'netem',
  'delay',
  'loss',
  'duplicate',
  'corrupt',
  'partition',
  'bandwidth',
] as const;
export const NETWORK_DIRECTIONS = ['to', 'from', 'both'] as const;
