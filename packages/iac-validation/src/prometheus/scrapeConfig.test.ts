import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { SCRAPE_CONFIG_FILE, validateScrapeConfig } from './scrapeConfig';

describe('validateScrapeConfig', () => {
  it('accepts the repository scrape configuration', () => {
    expect(formatProblems(validateScrapeConfig(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['kubernetes']);
    });
    afterEach(() => removeTemp(root));
    const messages = () => formatProblems(validateScrapeConfig(root));

    it('reports a job that no longer produces the region label', () => {
      plant(
        root,
        SCRAPE_CONFIG_FILE,
        'target_label: region',
        'target_label: cloud_region',
      );
      expect(messages()).toMatch(
        /job ntai-pods: must set target label region from __meta_kubernetes_node_label_topology_kubernetes_io_region/,
      );
    });

    it('reports pod discovery without node metadata', () => {
      plant(
        root,
        SCRAPE_CONFIG_FILE,
        /\n {12}attach_metadata:\n {14}node: true/,
        '',
      );
      expect(messages()).toMatch(
        /job ntai-pods: role pod needs attach_metadata\.node: true/,
      );
    });

    it('reports a static region external label and honor_labels', () => {
      plant(
        root,
        SCRAPE_CONFIG_FILE,
        'scrape_interval: 30s',
        'scrape_interval: 30s\n      external_labels:\n        region: eastus',
      );
      plant(
        root,
        SCRAPE_CONFIG_FILE,
        '- job_name: ntai-pods',
        '- job_name: ntai-pods\n        honor_labels: true',
      );
      const out = messages();
      expect(out).toMatch(/region must not be an external label/);
      expect(out).toMatch(/job ntai-pods: honor_labels would let/);
    });

    it('reports a config map the agent would not read, or one not deployed', () => {
      plant(
        root,
        SCRAPE_CONFIG_FILE,
        'name: ama-metrics-prometheus-config',
        'name: prometheus-config',
      );
      plant(
        root,
        'kubernetes/base/kustomization.yaml',
        '  - monitoring/ama-metrics-prometheus-config.yaml\n',
        '',
      );
      const out = messages();
      expect(out).toMatch(
        /must be ConfigMap kube-system\/ama-metrics-prometheus-config/,
      );
      expect(out).toMatch(
        /not deployed: kubernetes\/base\/kustomization\.yaml does not list monitoring\/ama-metrics-prometheus-config\.yaml/,
      );
    });
  });
});
