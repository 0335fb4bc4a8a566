// Building the form's DOM: elements with attributes and listeners (never inline styles: the form runs under a
// strict Content-Security-Policy), texts set only when they change, folded texts, and the item-score chart.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children.filter((c) => c !== undefined && c !== null));
  return e;
}
/** Sets a node's text only when it changes (a re-score rewrites little of the page). */
export const put = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};
export const fold = (cls, summary, ...body) => el("details", { class: cls }, el("summary", { text: summary }), ...body);

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An empty chart of item scores, titled; `drawChart` draws its bars. */
export function chart(id, title) {
  const out = svg("svg", { id, class: "ff-chart", role: "img", viewBox: "0 0 320 190", "aria-labelledby": `${id}-title` });
  out.append(svg("title", { id: `${id}-title` }, title));
  return out;
}

/** A bar per item, 1..5, with the items' ids below. */
export function drawChart(chart, items, report) {
  const scores = new Map(report?.items.map((i) => [i.id, i.score ?? 0]));
  const [h, w] = [150, 300 / items.length];
  chart.replaceChildren(chart.firstChild, svg("line", { class: "ff-axis", x1: 15, y1: h + 5, x2: 318, y2: h + 5 }));
  for (let s = 1; s <= 5; s++) chart.append(svg("text", { x: 2, y: h + 9 - (s * h) / 5 }, String(s)));
  items.forEach((item, i) => {
    const score = scores.get(item.id) ?? 0;
    chart.append(svg("rect", { class: "ff-bar", x: 21 + i * w, y: h + 5 - (score * h) / 5, width: w - 6, height: (score * h) / 5 }), svg("text", { x: 22 + i * w, y: h + 20 }, item.id));
  });
}
