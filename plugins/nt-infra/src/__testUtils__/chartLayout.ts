/**
 * jsdom lays nothing out: MUI X charts size themselves from their container's
 * computed width, which jsdom leaves as the inline "100%", so they draw 100 px
 * wide, narrower than their axes' margins, and the plot has no room. This
 * gives such containers the width of a page's chart column.
 */
export function layOutCharts(widthPx = 640): jest.SpyInstance {
  const original = window.getComputedStyle.bind(window);
  return jest
    .spyOn(window, 'getComputedStyle')
    .mockImplementation((element, pseudo) => {
      const style = original(element, pseudo);
      if (!style.width.endsWith('%')) return style;
      return new Proxy(style, {
        get(target, property) {
          if (property === 'width') return `${widthPx}px`;
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
}
