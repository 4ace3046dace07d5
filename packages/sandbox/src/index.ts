/**
 * @internal/sandbox — the embedded default world (see README.md).
 *
 * `startSandbox` runs a world in-process (integration tests, benchmarks); the payload
 * builders produce the exact wire JSON the sandbox serves, for msw handlers in unit tests.
 */
export { startSandbox, DEFAULT_PORTS, findRepoRoot } from './startSandbox';
export type {
  PortOverrides,
  RunningSandbox,
  SandboxOptions,
} from './startSandbox';
export type { SandboxEndpoints } from './endpointsFile';
export {
  loadTopology,
  parseTopology,
  defaultTopologyPath,
  TopologyError,
} from './topology';
export type { Topology } from './topology';
export { startTestSandbox, waitFor } from './testing/testSandbox';
export type { TestSandbox } from './testing/testSandbox';
export { EventLoopLag } from './testing/eventLoopLag';
export * from './payloads/arm';
export * from './payloads/k8s';
export * from './payloads/prometheus';
export * from './argocd/payloads';
