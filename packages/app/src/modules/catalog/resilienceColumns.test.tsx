import { resilienceColumns } from './resilienceColumns';

type Context = Parameters<typeof resilienceColumns>[0];

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ntai-api', namespace: 'default' },
};

function columns(kind: string, entities: Array<typeof component>) {
  return resilienceColumns({
    filters: { kind: { value: kind, label: kind } },
    entities,
  } as unknown as Context);
}

const titles = (kind: string, entities: Array<typeof component>) =>
  columns(kind, entities).map(c => c.title);

describe('resilienceColumns', () => {
  it("adds Resilience after the catalog's own columns of the Component table", () => {
    const all = columns('component', [component]);
    expect(all.length).toBeGreaterThan(3);
    expect(all[all.length - 1].title).toBe('Resilience');
    // Before the first page has loaded, the kind filter says what is shown.
    expect(titles('component', [])).toContain('Resilience');
  });

  it('leaves the tables of other kinds as they are', () => {
    expect(titles('system', [{ ...component, kind: 'System' }])).not.toContain(
      'Resilience',
    );
    expect(titles('api', [])).not.toContain('Resilience');
  });

  it("keeps names whole between hyphens in every kind's table (the e2e journey checks the rendered table)", () => {
    for (const kind of ['component', 'system']) {
      const name = columns(kind, [{ ...component, kind }]).find(
        c => c.field === 'resolved.entityRef',
      );
      expect(name?.cellStyle).toMatchObject({
        wordBreak: 'normal',
        overflowWrap: 'normal',
      });
    }
  });
});
