// The article view: the text with every extracted fact highlighted and linked to the events it belongs to.
// The text is split at span boundaries into text nodes; nothing from the article is ever parsed as HTML.
import { el, safeHref } from "./util.js";

export const KINDS = [
  ["entity", "actors and other entities"],
  ["place", "places"],
  ["time", "times"],
  ["quantity", "counts"],
  ["quote", "quotes"],
  ["trigger", "event triggers"],
];

export function spansOf(record) {
  const spans = [];
  for (const e of record.entities || []) {
    for (const m of e.mentions || []) spans.push({ kind: "entity", ref: e.id, start: m.start, end: m.end });
  }
  for (const p of record.places || []) {
    for (const m of p.mentions || []) spans.push({ kind: "place", ref: p.id, start: m.start, end: m.end });
  }
  for (const t of record.times || []) spans.push({ kind: "time", ref: t.id, ...pick(t.mention) });
  for (const q of record.quantities || []) spans.push({ kind: "quantity", ref: q.id, ...pick(q.mention) });
  for (const u of record.quotes || []) spans.push({ kind: "quote", ref: u.id, ...pick(u.content) });
  for (const v of record.events || []) {
    spans.push({ kind: "trigger", ref: v.id, ...pick(v.trigger) });
    spans.push({ kind: "sentence", ref: v.id, ...pick(v.sentence) });
  }
  const n = (record.text || "").length;
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end && s.end <= n);
}

function pick(span) {
  return span ? { start: span.start, end: span.end } : {};
}

// Which events each fact belongs to: the trigger and sentence, actors, place, time, counts, the speaker, and a
// quote whose content holds the trigger.
export function eventLinks(record) {
  const links = new Map();
  const add = (ref, eventId) => {
    if (!ref) return;
    if (!links.has(ref)) links.set(ref, new Set());
    links.get(ref).add(eventId);
  };
  for (const v of record.events || []) {
    add(v.id, v.id);
    for (const ref of [...(v.source || []), ...(v.target || []), v.place, v.time, ...(v.quantities || []), v.attributed_to]) add(ref, v.id);
    for (const u of record.quotes || []) {
      if (u.content && v.trigger && u.content.start <= v.trigger.start && v.trigger.end <= u.content.end) add(u.id, v.id);
    }
  }
  return links;
}

export function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    out.push({ start: a, end: b, spans: spans.filter((s) => s.start <= a && b <= s.end) });
  }
  return out;
}

export class ArticleView {
  constructor(root) {
    this.root = root;
    this.text = root.querySelector("#article-text");
    this.title = root.querySelector("#article-title");
    this.meta = root.querySelector("#article-meta");
    this.list = root.querySelector("#article-events");
    this.detail = root.querySelector("#article-detail");
    this.legend = root.querySelector("#article-legend");
    this.legend.replaceChildren(
      ...KINDS.map(([kind, label]) =>
        el(
          "label",
          {},
          el("input", { type: "checkbox", checked: true, onchange: (e) => this.text.classList.toggle(`hide-${kind}`, !e.target.checked) }),
          el("span", { class: `sw hl-${kind}` }, kind === "trigger" ? "T" : " "),
          label,
        ),
      ),
    );
  }

  render(record, selectedEventId) {
    this.record = record;
    this.links = eventLinks(record);
    this.byId = new Map();
    for (const key of ["entities", "places", "times", "quantities", "quotes", "events"]) {
      for (const item of record[key] || []) this.byId.set(item.id, { key, item });
    }
    const art = record.article || {};
    this.title.textContent = art.title || "(untitled article)";
    const href = safeHref(art.url);
    this.meta.replaceChildren(
      [art.published ? `Published ${art.published}` : "No publication date", art.source, `${(record.events || []).length} events`]
        .filter(Boolean)
        .join(" · "),
      href ? " · " : "",
      href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, "original") : "",
    );
    const text = record.text || "";
    const nodes = segments(text, spansOf(record)).map((seg) => {
      const piece = document.createTextNode(text.slice(seg.start, seg.end));
      const visible = seg.spans.filter((s) => s.kind !== "sentence");
      if (!seg.spans.length) return piece;
      const span = el("span", {
        class: ["hl", ...visible.map((s) => `hl-${s.kind}`)].join(" "),
        dataset: {
          refs: visible.filter((s) => s.kind !== "quote").map((s) => s.ref).join(" "),
          quotes: visible.filter((s) => s.kind === "quote").map((s) => s.ref).join(" "),
          sentences: seg.spans.filter((s) => s.kind === "sentence").map((s) => s.ref).join(" "),
          start: seg.start,
        },
      });
      if (!visible.length) span.classList.remove("hl");
      span.append(piece);
      span.addEventListener("click", () => this.clickSpan(visible));
      return span;
    });
    this.text.replaceChildren(...nodes);
    this.list.replaceChildren(
      ...(record.events || []).map((v) =>
        el(
          "li",
          { dataset: { eventId: v.id }, onclick: () => this.select(v.id, true) },
          el("strong", {}, v.type + (v.mode ? ` (${v.mode})` : "")),
          " ",
          el("span", { class: "sub" }, v.modality || ""),
          el("div", { class: "sub" }, this.eventLine(v)),
        ),
      ),
    );
    this.detail.replaceChildren();
    const first = (record.events || [])[0];
    this.select(selectedEventId || (first && first.id), Boolean(selectedEventId));
  }

  name(ref) {
    const found = this.byId.get(ref);
    if (!found) return ref;
    const item = found.item;
    return item.name || (item.mention && item.mention.text) || ref;
  }

  eventLine(v) {
    const parts = [];
    const who = (v.source || []).map((r) => this.name(r)).join(", ");
    const whom = (v.target || []).map((r) => this.name(r)).join(", ");
    if (who || whom) parts.push(`${who || "?"} → ${whom || "?"}`);
    if (v.place) parts.push(this.name(v.place));
    if (v.date) parts.push(v.date.from === v.date.to ? v.date.from : `${v.date.from} – ${v.date.to}`);
    if (v.fatalities) parts.push(`${v.fatalities} killed`);
    parts.push(`“${v.trigger ? v.trigger.text : ""}”`);
    return parts.join(" · ");
  }

  clickSpan(spans) {
    const events = new Set();
    for (const s of spans) for (const id of this.links.get(s.ref) || []) events.add(id);
    const ordered = (this.record.events || []).map((v) => v.id).filter((id) => events.has(id));
    if (ordered.length) {
      // Clicking again moves to the next event that the same fact belongs to.
      const next = ordered[(ordered.indexOf(this.selected) + 1) % ordered.length];
      this.select(next, false);
    }
    this.describe(spans);
  }

  select(eventId, scroll) {
    this.selected = eventId;
    const refs = new Set([...this.links.entries()].filter(([, evs]) => evs.has(eventId)).map(([ref]) => ref));
    for (const span of this.text.querySelectorAll("span")) {
      const own = (span.dataset.refs || "").split(" ").filter(Boolean);
      span.classList.toggle("linked", own.some((r) => refs.has(r)));
      span.classList.toggle("quote-linked", (span.dataset.quotes || "").split(" ").some((r) => refs.has(r)));
      span.classList.toggle("in-sentence", (span.dataset.sentences || "").split(" ").includes(eventId));
    }
    for (const li of this.list.children) li.classList.toggle("selected", li.dataset.eventId === eventId);
    const found = this.byId.get(eventId);
    if (found) this.describeEvent(found.item);
    if (scroll) {
      const trigger = [...this.text.querySelectorAll("span.hl-trigger")].find((s) => s.dataset.refs.split(" ").includes(eventId));
      if (trigger) trigger.scrollIntoView({ block: "center" });
    }
  }

  describeEvent(v) {
    const rows = [
      ["event", `${v.id} ${v.type}${v.mode ? ` (${v.mode})` : ""}`],
      ["ACLED", v.acled ? [v.acled.event_type, v.acled.sub_event_type].filter(Boolean).join(" / ") : ""],
      ["CAMEO", v.cameo || ""],
      ["source", (v.source || []).map((r) => this.name(r)).join(", ")],
      ["target", (v.target || []).map((r) => this.name(r)).join(", ")],
      ["place", v.place ? this.placeLine(this.byId.get(v.place).item) : ""],
      ["date", v.date ? `${v.date.from} – ${v.date.to} (${v.date.precision})` : ""],
      ["fatalities", v.fatalities ?? ""],
      ["modality", v.modality || ""],
      ["said by", v.attributed_to ? this.name(v.attributed_to) : ""],
      ["confidence", v.confidence ?? ""],
      ["sentence", v.sentence ? v.sentence.text : ""],
    ];
    this.showRows(rows);
  }

  placeLine(p) {
    const where = [p.name, p.admin1, p.country].filter(Boolean).join(", ");
    return p.lat != null ? `${where} (${p.lat.toFixed(3)}, ${p.lon.toFixed(3)})` : `${where} (not located)`;
  }

  describe(spans) {
    const rows = [];
    for (const s of spans) {
      if (s.kind === "trigger") continue;
      const found = this.byId.get(s.ref);
      if (!found) continue;
      const x = found.item;
      if (s.kind === "entity") rows.push(["entity", `${x.name} · ${x.kind}${x.sector ? ` · ${x.sector}` : ""}${x.country ? ` · ${x.country}` : ""}`]);
      if (s.kind === "place") rows.push(["place", `${this.placeLine(x)}${x.geonameid ? ` · GeoNames ${x.geonameid}` : ""}`]);
      if (s.kind === "time") rows.push(["time", `${x.value} (${x.from} – ${x.to}, ${x.precision})`]);
      if (s.kind === "quantity") rows.push(["count", `${x.value ?? `${x.low}–${x.high}`} ${x.counts || ""} · ${x.role || ""}`]);
      if (s.kind === "quote") rows.push(["quote", `${x.direct ? "direct" : "reported"}${x.speaker_entity ? ` · ${this.name(x.speaker_entity)}` : ""}`]);
    }
    if (rows.length) {
      const found = this.byId.get(this.selected);
      if (found) this.describeEvent(found.item);
      for (const [k, v] of rows) this.detail.append(el("dt", { class: "fact" }, k), el("dd", { class: "fact" }, v));
    }
  }

  showRows(rows) {
    this.detail.replaceChildren(...rows.filter(([, v]) => v !== "").flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))]));
  }
}
