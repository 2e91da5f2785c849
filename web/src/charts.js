// The world map (events as points over country outlines) and the stacked timeline of events per day and type.
import * as d3 from "d3";
import { feature, mesh } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { el } from "./util.js";

const WIDTH = 960;
const HEIGHT = 480;

export function radius(fatalities) {
  const n = Number(fatalities) || 0;
  return Math.min(4.5 + Math.sqrt(n) * 1.6, 22);
}

export class WorldMap {
  constructor(container, { colour, onSelect }) {
    this.colour = colour;
    this.onSelect = onSelect;
    this.projection = d3.geoNaturalEarth1().fitExtent(
      [[4, 4], [WIDTH - 4, HEIGHT - 4]],
      { type: "Sphere" },
    );
    const path = d3.geoPath(this.projection);
    this.svg = d3
      .select(container)
      .append("svg")
      .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
      .attr("role", "img")
      .attr("aria-label", "World map of events");
    this.layer = this.svg.append("g");
    this.layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    const countries = feature(world, world.objects.countries);
    this.layer
      .append("g")
      .selectAll("path")
      .data(countries.features)
      .join("path")
      .attr("class", "country")
      .attr("d", path)
      .append("title")
      .text((d) => d.properties.name);
    this.layer
      .append("path")
      .attr("class", "border")
      .attr("d", path(mesh(world, world.objects.countries, (a, b) => a !== b)));
    this.points = this.layer.append("g").attr("class", "points");
    this.scale = 1;
    this.svg.call(
      d3
        .zoom()
        .scaleExtent([1, 40])
        .on("zoom", (event) => {
          this.scale = event.transform.k;
          this.layer.attr("transform", event.transform);
          this.layer.selectAll(".border").attr("stroke-width", 0.6 / this.scale);
          this.points
            .selectAll("circle")
            .attr("r", (d) => radius(d.properties.fatalities) / Math.sqrt(this.scale))
            .attr("stroke-width", 0.8 / this.scale);
        }),
    );
  }

  update(features) {
    // Larger points first so small ones stay clickable on top of them.
    const sorted = [...features].sort((a, b) => (b.properties.fatalities || 0) - (a.properties.fatalities || 0));
    this.points
      .selectAll("circle")
      .data(sorted, (d) => d.id)
      .join("circle")
      .attr("class", "point")
      .attr("data-event-id", (d) => d.id)
      .attr("cx", (d) => this.projection(d.geometry.coordinates)[0])
      .attr("cy", (d) => this.projection(d.geometry.coordinates)[1])
      .attr("r", (d) => radius(d.properties.fatalities) / Math.sqrt(this.scale))
      .attr("fill", (d) => this.colour(d.properties.type))
      .on("click", (_, d) => this.onSelect(d.properties))
      .selectAll("title")
      .data((d) => [d])
      .join("title")
      .text((d) => {
        const p = d.properties;
        const deaths = p.fatalities ? ` · ${p.fatalities} killed` : "";
        return `${p.type} · ${p.place_name || ""} · ${p.date_from || "undated"}${deaths}\n${p.sentence || ""}`;
      });
  }

  highlight(eventId) {
    this.points.selectAll("circle").classed("hover", (d) => d.id === eventId);
  }
}

export function legend(container, colour, types) {
  container.replaceChildren(
    ...types.map((t) => el("span", {}, el("span", { class: "sw", style: `background:${colour(t)}` }), t)),
    el("span", { class: "muted" }, "· size grows with fatalities"),
  );
}

export class Timeline {
  constructor(container, { colour, onRange }) {
    this.container = container;
    this.colour = colour;
    this.onRange = onRange;
  }

  update(rows, types) {
    const width = 640;
    const height = 240;
    const margin = { top: 8, right: 10, bottom: 24, left: 32 };
    this.container.replaceChildren();
    if (!rows.length) {
      this.container.append(el("p", { class: "meta" }, "No dated events match the filters."));
      return;
    }
    const byDay = d3.rollup(
      rows,
      (v) => Object.fromEntries(v.map((r) => [r.type, r.events])),
      (r) => r.day,
    );
    const days = [...byDay.keys()].sort();
    const table = days.map((day) => ({ day: d3.utcParse("%Y-%m-%d")(day), ...byDay.get(day) }));
    const keys = types.filter((t) => rows.some((r) => r.type === t));
    const series = d3.stack().keys(keys).value((d, k) => d[k] || 0)(table);
    const first = table[0].day;
    const last = d3.utcDay.offset(table[table.length - 1].day, 1);
    const x = d3.scaleUtc().domain([first, last]).range([margin.left, width - margin.right]);
    const y = d3
      .scaleLinear()
      .domain([0, d3.max(series, (s) => d3.max(s, (d) => d[1])) || 1])
      .nice()
      .range([height - margin.bottom, margin.top]);
    const barWidth = (d) => Math.max(4, x(d3.utcDay.offset(d.data.day, 1)) - x(d.data.day) - 1);
    const svg = d3
      .select(this.container)
      .append("svg")
      .attr("viewBox", `0 0 ${width} ${height}`)
      .attr("role", "img")
      .attr("aria-label", "Events per day by type");
    svg
      .append("g")
      .selectAll("g")
      .data(series)
      .join("g")
      .attr("fill", (s) => this.colour(s.key))
      .attr("data-type", (s) => s.key)
      .selectAll("rect")
      .data((s) => s.map((d) => Object.assign(d, { key: s.key })))
      .join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(d.data.day))
      .attr("y", (d) => y(d[1]))
      .attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .attr("width", barWidth)
      .append("title")
      .text((d) => `${d3.utcFormat("%Y-%m-%d")(d.data.day)} · ${d.key}: ${d[1] - d[0]}`);
    svg
      .append("g")
      .attr("class", "axis")
      .attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(6).tickSizeOuter(0));
    svg
      .append("g")
      .attr("class", "axis")
      .attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4, "d"));
    const brush = d3
      .brushX()
      .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.selection || !event.sourceEvent) return;
        const [a, b] = event.selection.map(x.invert);
        const fmt = d3.utcFormat("%Y-%m-%d");
        this.onRange(fmt(d3.utcDay.floor(a)), fmt(d3.utcDay.offset(d3.utcDay.ceil(b), -1)));
      });
    svg.append("g").attr("class", "brush").call(brush);
  }
}
