import type { SeededRandom } from '../clock';

/** A seeded RFC 4122 v4-shaped uid, so object uids are stable for a given seed. */
export function seededUid(random: SeededRandom): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(4)).toString(
    16,
  )}${hex(3)}-${hex(12)}`;
}

/** ReplicaSet pod-template-hash: 10 characters of Kubernetes' safe alphabet. */
export function templateHash(random: SeededRandom): string {
  return random.chars(10);
}

/** `<deployment>-<template hash>-<5 chars>`, as the ReplicaSet controller names pods. */
export function podName(
  deployment: string,
  hash: string,
  random: SeededRandom,
): string {
  return `${deployment}-${hash}-${random.chars(5)}`;
}

export function nodeNames(
  clusterIndex: number,
  random: SeededRandom,
  count = 3,
): string[] {
  const pool = `${random.int(90000000) + 10000000}`;
  return Array.from(
    { length: count },
    (_, i) => `aks-nodepool${clusterIndex + 1}-${pool}-vmss00000${i}`,
  );
}
