/** A temporary git checkout of the base branch, where a change is made and checked. */
export interface Workspace {
  dir: string;
  /** The base branch commit the checkout started from. */
  baseSha: string;
  cleanup(): Promise<void>;
}

export interface PublishRequest {
  branch: string;
  title: string;
  body: string;
  labels: string[];
  /** Files the commit at the workspace's HEAD changes, relative to the repository root. */
  files: string[];
}

export interface Published {
  branch: string;
  headSha: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
}

/** Where change requests are stored and reviewed: a local bare remote or GitHub. */
export interface GitOpsProvider {
  readonly name: 'local' | 'github';
  /** A fresh checkout of the base branch (or of `ref` on top of it, for re-checks). */
  checkout(ref?: string): Promise<Workspace>;
  /** Publishes the workspace's HEAD commit as a branch and, where there is one, a pull request. */
  publish(ws: Workspace, request: PublishRequest): Promise<Published>;
}
