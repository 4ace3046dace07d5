export interface Config {
  /** Configuration of the nt-infra backend plugin. */
  ntInfra?: {
    /**
     * Where each service principal (an external access token's subject) may
     * start and stop runs. Access restrictions say what a token may do; this
     * says in which environments. A subject not listed may act in none.
     */
    serviceAccess?: Array<{
      subject: string;
      environments: Array<'staging' | 'production'>;
    }>;
    /**
     * The clusters the run engine acts on, with its own credential (the one
     * that may write Chaos Mesh objects); same shape as a kubernetes config
     * locator's clusters. Default: the kubernetes plugin's config clusters.
     */
    clusters?: Array<{
      name: string;
      url: string;
      authProvider: 'serviceAccount' | 'azure';
      /** @visibility secret */
      serviceAccountToken?: string;
      caData?: string;
      caFile?: string;
      skipTLSVerify?: boolean;
    }>;
    /**
     * The environments the portal operates, each with its Azure Traffic
     * Manager profile and the regions behind it (primary first).
     */
    environments: Array<{
      /** `staging` or `production`. */
      name: 'staging' | 'production';
      trafficManager: {
        subscriptionId: string;
        resourceGroup: string;
        profileName: string;
      };
      regions: Array<{
        /** Azure region name, e.g. `eastus`. */
        name: string;
        displayName: string;
        role: 'primary' | 'secondary';
        /** The region's endpoint name in the Traffic Manager profile. */
        trafficManagerEndpoint: string;
        /** The region's cluster name, as configured for the kubernetes plugin. */
        cluster: string;
        /**
         * Where the region's AKS cluster is in Azure, for links to the Azure
         * portal (shown when `ntInfra.azurePortal` is configured too).
         */
        aks?: {
          resourceGroup: string;
          /** Default: the environment's Traffic Manager subscription. */
          subscriptionId?: string;
          /** The AKS resource's name; default `cluster`. */
          name?: string;
        };
        /** The `region` label of its series in Prometheus (default: the region name). */
        metricsRegion?: string;
        /**
         * What failover tests GET to see whether the region serves users
         * (2xx = up), e.g. its public `/healthz`. A region without one cannot
         * take part in a failover test.
         */
        healthUrl?: string;
      }>;
    }>;

    /**
     * How long upstream reads are cached and shared between concurrent
     * viewers, in seconds (default 5). Older values are reported as stale.
     */
    refreshIntervalSeconds?: number;

    /** Namespace of the platform's workloads in every region cluster (default `ntai`). */
    workloadNamespace?: string;

    /** The availability SLO. */
    slo?: {
      /** Objective, e.g. 0.999 (default). */
      objective?: number;
      /**
       * The burn-rate window the error budget left is computed over:
       * 1 − `ntai:slo_burn_rate:<window>`. Default `30d`, the SLO's own
       * window, so a drill costs its true share of the budget; a shorter
       * one makes every minute of errors cost proportionally more.
       */
      budgetWindow?: '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d' | '30d';
    };

    /** The run engine (chaos runs, failover tests, GameDays). */
    /**
     * Previews (chaos runs, GitOps changes) each user or service may ask for
     * in a sliding window; beyond it they get 429 with Retry-After.
     */
    previews?: {
      /** Default 10. */
      perUser?: number;
      /** Default 60. */
      windowSeconds?: number;
    };
    runs?: {
      /** How often the reconciler advances active runs, in seconds (default 1). */
      tickSeconds?: number;
      /** How long a replica holds a run it drives; a dead replica's runs move on after this (default 30). */
      leaseSeconds?: number;
      /**
       * Largest fraction of matching pods a production fault may hit (default
       * 0.1, the limit the offline validators check; may only be lowered).
       */
      productionMaxFraction?: number;
      /** Longest production fault, in seconds (default 3600). */
      productionMaxDurationSeconds?: number;
    };

    /**
     * Failover tests. Durations are seconds of the backend's clock (against a
     * sandbox running N times faster they stand for N times as much world time).
     */
    failover?: {
      /** How long the primary must be healthy before it gets users back (default 60). */
      holdDownSeconds?: number;
      /** Consecutive good samples that count as "serving again" (default 3). */
      sustainedSuccesses?: number;
      /** Timeout of one health-URL probe, in milliseconds (default 2000). */
      probeTimeoutMs?: number;
      /** Longest wait for users to be served again, after the cut and after the restore (default 600). */
      maxObservationSeconds?: number;
      /** Default RTO target (default 300). */
      rtoSeconds?: number;
      /** Default RPO target: the secondary's replication lag at the cut (default 60). */
      rpoSeconds?: number;
      /**
       * Whether a production failover test (also one a GameDay or schedule starts) needs an
       * approved window listing `RegionFailover/traffic-manager/failover-test` and its primary
       * region (default true).
       */
      productionRequiresWindow?: boolean;
    };

    /**
     * Runs the portal starts on its own (daily staging chaos, weekly
     * production chaos inside approved windows, the monthly failover
     * GameDay). Each goes through the same policy as a person's request.
     */
    schedules?: Array<{
      /** a-z, 0-9 and -; unique. */
      id: string;
      /** 5-field cron, UTC. */
      cron: string;
      kind: 'chaos' | 'failover' | 'gameday';
      environment: 'staging' | 'production';
      regions?: string[];
      /** chaos: a library experiment id. */
      experimentId?: string;
      /** gameday: a scenario name. */
      scenario?: string;
      /** failover: the primary to take out. */
      fromRegion?: string;
    }>;

    /** Where infrastructure changes go: pull requests on this repository. */
    gitops?: {
      /** `local` (default): a bare git remote with reviewable change requests; `github`: pull requests on GitHub. */
      provider?: 'local' | 'github';
      local?: {
        /** Path of the bare repository, relative to the repository root (default `.sandbox/gitops.git`). */
        remote?: string;
        /** Default `main`. */
        baseBranch?: string;
      };
      github?: {
        owner: string;
        repo: string;
        /** Default `main`. */
        baseBranch?: string;
        /** GitHub Enterprise API URL. */
        baseUrl?: string;
        /** @visibility secret */
        token?: string;
        app?: {
          appId: number;
          /** @visibility secret */
          privateKey: string;
          installationId: number;
        };
      };
      /** Where merged changes stand on each environment × region (change page, entity card). */
      delivery?: {
        /** Seconds between two reads of each delivery source, however many viewers (default 10). */
        refreshSeconds?: number;
        /** Argo CD's REST API; the sandbox's stand-in is http://127.0.0.1:7170. */
        argocd?: {
          /** Argo CD server URL, also used for links to its applications. */
          baseUrl: string;
          /**
           * A bearer token of an Argo CD account allowed to get applications.
           * @visibility secret
           */
          token: string;
          /** Only applications matching this label selector, e.g. `app.kubernetes.io/part-of=ntai`. */
          appLabelSelector?: string;
          /** Deadline of one HTTP attempt in milliseconds (default 5000). */
          timeoutMs?: number;
          /** Retries of 5xx, 429 and timeouts (default 2). */
          maxRetries?: number;
        };
        /** The IaC workflow on GitHub Actions, read with the GitOps GitHub credentials (provider `github` only). */
        githubActions?: {
          /** Default true when the GitOps provider is `github`. */
          enabled?: boolean;
          /** Only runs of this workflow file, e.g. `.github/workflows/iac-deliver.yml`. */
          workflowPath?: string;
          /** Deadline of one HTTP attempt in milliseconds (default 5000). */
          timeoutMs?: number;
          /** Retries of 5xx, 429 and timeouts (default 2). */
          maxRetries?: number;
        };
      };
    };

    /** This repository, which holds the IaC and the chaos-experiment library. */
    repository?: {
      /** Local checkout; default: the nearest folder above the working directory holding kubernetes/chaos-experiments. */
      root?: string;
    };

    /** Azure Resource Manager, for Traffic Manager. */
    azure?: {
      /** ARM base URL; default https://management.azure.com. The sandbox's is https://127.0.0.1:7101. */
      resourceManagerEndpoint?: string;
      /**
       * PEM files of extra CAs to trust for ARM (the sandbox writes
       * .sandbox/ca.pem). A list, so that a later config file can replace it
       * with `[]`.
       */
      caFiles?: string[];
      /**
       * `default`: DefaultAzureCredential (workload identity, managed identity,
       * az login). `static`: a fixed bearer token, for the sandbox only; the
       * token is ignored for `default`.
       */
      credential?: {
        type: 'default' | 'static';
        /** @visibility secret */
        token?: string;
      };
      /** Bounded retries of throttling (429), 5xx and timeouts. */
      retry?: {
        maxRetries?: number;
        retryDelayMs?: number;
        maxRetryDelayMs?: number;
      };
      /** Per-request timeout in milliseconds (default 10000). */
      timeoutMs?: number;
    };

    /** The Prometheus HTTP API that serves the recording rules of monitoring/prometheus. */
    prometheus?: {
      baseUrl: string;
      /** Per-request timeout in milliseconds (default 5000). */
      timeoutMs?: number;
      /** Bounded retries of 5xx and timeouts (default 2). */
      maxRetries?: number;
      /**
       * Extra request headers, e.g. Authorization for a managed Prometheus.
       * @visibility secret
       */
      headers?: { [name: string]: string };
    };

    /** The resolver used to see which region DNS really sends clients to. */
    dns?: {
      /** `host:port` resolvers; the system resolver when absent or empty. */
      servers?: string[];
      /** Per-query timeout in milliseconds (default 2000). */
      timeoutMs?: number;
      /** Tries per query (default 2). */
      tries?: number;
    };
  };
}
