/**
 * The base branch's history, for the question delivery turns on: does the
 * revision a target runs contain a change's merge commit? Answered by real
 * ancestry (git or GitHub's compare API), never by comparing strings: a
 * target synced to a later commit has the change too.
 */
export interface RevisionGraph {
  /** The head commit of the base branch. */
  head(): Promise<string>;
  /** True when `ancestor` is `descendant` or one of its ancestors; throws when a commit is unknown. */
  contains(ancestor: string, descendant: string): Promise<boolean>;
}

/**
 * Ancestry never changes for a pair of commits, so answers are kept (a
 * bounded number of them).
 */
export class AncestryCache {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(private readonly capacity = 2000) {}

  /** Concurrent askers of one pair share one question; a failed one is asked again next time. */
  get(
    ancestor: string,
    descendant: string,
    ask: () => Promise<boolean>,
  ): Promise<boolean> {
    if (ancestor === descendant) return Promise.resolve(true);
    const key = `${ancestor}..${descendant}`;
    const known = this.answers.get(key);
    if (known) return known;
    if (this.answers.size >= this.capacity) {
      // Oldest first: Map iterates in insertion order.
      this.answers.delete(this.answers.keys().next().value!);
    }
    const answer = ask();
    this.answers.set(key, answer);
    answer.catch(() => this.answers.delete(key));
    return answer;
  }
}

const SHA = /^[0-9a-f]{40}$/;

/** Commit ids come from upstream APIs; only full hexadecimal SHAs reach git or GitHub. */
export function assertSha(value: string, what: string): string {
  if (!SHA.test(value)) {
    throw new Error(`${what} '${value.slice(0, 80)}' is not a commit SHA`);
  }
  return value;
}
