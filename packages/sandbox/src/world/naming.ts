import { createHash } from 'node:crypto';
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

/**
 * A uid derived from another object's, for objects the world does not store on their own
 * (a Deployment's ReplicaSet): stable for a given seed without drawing from the PRNG, so
 * adding them leaves every other name and uid of the seed unchanged.
 */
export function derivedUid(parentUid: string, salt: string): string {
  const h = createHash('sha1').update(`${parentUid}/${salt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${(
    8 +
    (parseInt(h[16], 16) % 4)
  ).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `<deployment>-<template hash>`, as the Deployment controller names its ReplicaSet. */
export function replicaSetName(deployment: string, hash: string): string {
  return `${deployment}-${hash}`;
}
