// tmekg HTML view: the project's own script (no third-party code). SVG drawing, pan/zoom, search, filters
// and cards. The data comes from the JSON block; every text is set with textContent, never parsed as markup.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("tmekg-data").textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const $ = (id) => document.getElementById(id);
  const state = { k: 1, tx: 0, ty: 0, colorBy: "outcome", cancer: "", isolated: false, pinned: "", kinds: new Set(), outcomes: new Set() };
  const nodeEls = new Map();
  const edgeEls = new Map();

  function el(tag, attrs, parent, text) {
    const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const label = (id) => (byId.has(id) ? byId.get(id).label : id);

  // -- shapes ------------------------------------------------------------------------------------------------
  function polygon(sides, r, rot) {
    const pts = [];
    for (let i = 0; i < sides; i++) {
      const a = rot + (2 * Math.PI * i) / sides;
      pts.push((r * Math.cos(a)).toFixed(1) + "," + (r * Math.sin(a)).toFixed(1));
    }
    return pts.join(" ");
  }
  function shape(node, g) {
    const r = node.size / 2;
    const common = { class: "shape", fill: node.color };
    switch (node.shape) {
      case "round-rectangle":
        return el("svg:rect", { ...common, x: -r * 1.3, y: -r * 0.7, width: r * 2.6, height: r * 1.4, rx: 6 }, g);
      case "rectangle":
        return el("svg:rect", { ...common, x: -r * 1.3, y: -r * 0.7, width: r * 2.6, height: r * 1.4 }, g);
      case "diamond":
        return el("svg:polygon", { ...common, points: polygon(4, r, 0) }, g);
      case "triangle":
        return el("svg:polygon", { ...common, points: polygon(3, r * 1.15, -Math.PI / 2) }, g);
      case "octagon":
        return el("svg:polygon", { ...common, points: polygon(8, r, Math.PI / 8) }, g);
      default:
        return el("svg:circle", { ...common, r: r }, g);
    }
  }

  // -- drawing -----------------------------------------------------------------------------------------------
  function edgeColor(e) {
    return state.colorBy === "sign" ? e.sign_color : e.color;
  }
  function drawEdges(layer) {
    const pairs = new Map();
    for (const e of data.edges) {
      const key = [e.source, e.target].sort().join("\u0000");
      const list = pairs.get(key) || [];
      list.push(e);
      pairs.set(key, list);
    }
    for (const list of pairs.values()) {
      list.forEach((e, i) => {
        const a = byId.get(e.source);
        const b = byId.get(e.target);
        const g = el("svg:g", { class: "edge" + (e.kind === "therapy_action" ? " therapy" : "") }, layer);
        let d;
        let tip;
        let dir;
        if (a === b) {
          const r = a.size / 2;
          d = `M${a.x},${a.y - r} C${a.x + 4 * r},${a.y - 4 * r} ${a.x + 4 * r},${a.y + r} ${a.x + r},${a.y}`;
          tip = [a.x + r + 2, a.y];
          dir = [-1, 0];
        } else {
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len = Math.hypot(dx, dy) || 1;
          const off = (i - (list.length - 1) / 2) * 26 * (e.source < e.target ? 1 : -1);
          const cx = (a.x + b.x) / 2 - (dy / len) * off;
          const cy = (a.y + b.y) / 2 + (dx / len) * off;
          const tx = b.x - cx;
          const ty = b.y - cy;
          const tl = Math.hypot(tx, ty) || 1;
          const rb = b.size / 2 + 3;
          tip = [b.x - (tx / tl) * rb, b.y - (ty / tl) * rb];
          dir = [tx / tl, ty / tl];
          d = `M${a.x},${a.y} Q${cx},${cy} ${tip[0]},${tip[1]}`;
        }
        el("svg:path", { class: "hit", d: d }, g);
        const line = el("svg:path", { class: "line", d: d, "stroke-width": e.width }, g);
        const head = el("svg:path", { class: "head" }, g);
        const s = 5 + e.width;
        const [ux, uy] = dir;
        const [px, py] = [-uy, ux];
        const [x, y] = tip;
        if (e.arrow === "tee") {
          head.setAttribute("d", `M${x + px * s},${y + py * s} L${x - px * s},${y - py * s}`);
          head.setAttribute("stroke-width", 2 + e.width / 2);
        } else {
          const bx = x - ux * s * 1.6;
          const by = y - uy * s * 1.6;
          head.setAttribute("d", `M${x},${y} L${bx + px * s * 0.8},${by + py * s * 0.8} L${bx - px * s * 0.8},${by - py * s * 0.8} Z`);
        }
        const title = el("svg:title", {}, g, `${label(e.source)} → ${label(e.target)}: ${e.label}`);
        title.dataset.id = e.id;
        g.addEventListener("click", (ev) => {
          ev.stopPropagation();
          selectEdge(e.id);
        });
        edgeEls.set(e.id, { g: g, line: line, head: head, data: e });
      });
    }
  }
  function drawNodes(layer) {
    for (const n of data.nodes) {
      const g = el("svg:g", { class: "node", transform: `translate(${n.x},${n.y})` }, layer);
      shape(n, g);
      const short = n.label.length > 30 ? n.label.slice(0, 29) + "…" : n.label;
      el("svg:text", { "text-anchor": "middle", y: n.size / 2 + 13 }, g, short);
      el("svg:title", {}, g, `${n.label} (${n.id})`);
      g.addEventListener("click", (ev) => {
        ev.stopPropagation();
        selectNode(n.id, false);
      });
      nodeEls.set(n.id, { g: g, data: n });
    }
  }
  function paintEdges() {
    for (const { line, head, data: e } of edgeEls.values()) {
      const c = edgeColor(e);
      line.setAttribute("stroke", c);
      head.setAttribute(e.arrow === "tee" ? "stroke" : "fill", c);
      if (e.arrow !== "tee") head.setAttribute("stroke", "none");
    }
  }

  // -- view transform ----------------------------------------------------------------------------------------
  function apply() {
    $("viewport").setAttribute("transform", `translate(${state.tx},${state.ty}) scale(${state.k})`);
  }
  function fit() {
    const shown = data.nodes.filter((n) => !nodeEls.get(n.id).g.classList.contains("hidden"));
    const xs = shown.map((n) => n.x);
    const ys = shown.map((n) => n.y);
    const box = $("graph").getBoundingClientRect();
    if (!xs.length) return;
    const [x0, x1, y0, y1] = [Math.min(...xs) - 60, Math.max(...xs) + 60, Math.min(...ys) - 60, Math.max(...ys) + 60];
    state.k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 2.5);
    state.tx = box.width / 2 - state.k * (x0 + x1) / 2;
    state.ty = box.height / 2 - state.k * (y0 + y1) / 2;
    apply();
  }
  function centerOn(n) {
    const box = $("graph").getBoundingClientRect();
    state.k = Math.max(state.k, 1.2);
    state.tx = box.width / 2 - state.k * n.x;
    state.ty = box.height / 2 - state.k * n.y;
    apply();
  }
  function zoomAt(factor, cx, cy) {
    const k = Math.min(8, Math.max(0.05, state.k * factor));
    state.tx = cx - ((cx - state.tx) * k) / state.k;
    state.ty = cy - ((cy - state.ty) * k) / state.k;
    state.k = k;
    apply();
  }
  function wirePanZoom() {
    const svg = $("graph");
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest(".node, .edge")) return;
      drag = { x: ev.clientX, y: ev.clientY, tx: state.tx, ty: state.ty };
      svg.classList.add("panning");
    });
    window.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      state.tx = drag.tx + ev.clientX - drag.x;
      state.ty = drag.ty + ev.clientY - drag.y;
      apply();
    });
    window.addEventListener("pointerup", () => {
      drag = null;
      svg.classList.remove("panning");
    });
    $("zoom-in").addEventListener("click", () => zoomAt(1.3, svg.clientWidth / 2, svg.clientHeight / 2));
    $("zoom-out").addEventListener("click", () => zoomAt(1 / 1.3, svg.clientWidth / 2, svg.clientHeight / 2));
    $("zoom-fit").addEventListener("click", fit);
  }

  // -- filters -----------------------------------------------------------------------------------------------
  function edgeVisible(e) {
    if (!state.outcomes.has(e.outcome)) return false;
    if (state.cancer && e.kind === "interaction" && e.contexts.length && !e.contexts.includes(state.cancer)) return false;
    return state.kinds.has(byId.get(e.source).kind) && state.kinds.has(byId.get(e.target).kind);
  }
  function refilter() {
    let ne = 0;
    let nn = 0;
    for (const { g, data: n } of nodeEls.values()) {
      const on = state.kinds.has(n.kind) && (n.degree > 0 || state.isolated || state.pinned === n.id);
      g.classList.toggle("hidden", !on);
      nn += on ? 1 : 0;
    }
    for (const { g, data: e } of edgeEls.values()) {
      const on = edgeVisible(e);
      g.classList.toggle("hidden", !on);
      ne += on ? 1 : 0;
    }
    $("count").textContent = `${nn} of ${data.nodes.length} nodes, ${ne} of ${data.edges.length} edges shown`;
  }
  function checkbox(parent, text, color, isLine, onChange) {
    const lab = el("label", {}, parent);
    const box = el("input", { type: "checkbox" }, lab);
    box.checked = true;
    const sw = el("span", { class: "swatch" + (isLine ? " line" : "") }, lab);
    sw.style.background = color;
    el("span", {}, lab, text);
    box.addEventListener("change", () => onChange(box.checked));
    return box;
  }
  function buildFilters() {
    const kinds = $("kinds");
    for (const [kind, style] of Object.entries(data.kinds)) {
      if (!data.nodes.some((n) => n.kind === kind)) continue;
      state.kinds.add(kind);
      const box = checkbox(kinds, style.label, style.color, false, (on) => {
        on ? state.kinds.add(kind) : state.kinds.delete(kind);
        refilter();
      });
      box.dataset.kind = kind;
    }
    const outcomes = $("outcomes");
    for (const [outcome, style] of Object.entries(data.outcomes)) {
      state.outcomes.add(outcome);
      const box = checkbox(outcomes, style.label, style.color, true, (on) => {
        on ? state.outcomes.add(outcome) : state.outcomes.delete(outcome);
        refilter();
      });
      box.dataset.outcome = outcome;
    }
    const select = $("cancer");
    el("option", { value: "" }, select, "all cancers");
    for (const c of data.cancers) el("option", { value: c.id }, select, c.label);
    select.addEventListener("change", () => {
      state.cancer = select.value;
      refilter();
    });
    $("isolated").addEventListener("change", () => {
      state.isolated = $("isolated").checked;
      refilter();
    });
    for (const radio of document.querySelectorAll("input[name=colorby]")) {
      radio.addEventListener("change", () => {
        state.colorBy = radio.value;
        paintEdges();
      });
    }
  }

  // -- cards -------------------------------------------------------------------------------------------------
  function clearSelection() {
    for (const x of document.querySelectorAll(".selected, .match")) x.classList.remove("selected", "match");
  }
  function fields(card, rows) {
    const dl = el("dl", {}, card);
    for (const [k, v] of rows) {
      if (v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
      el("dt", {}, dl, k);
      el("dd", {}, dl, Array.isArray(v) ? v.join(", ") : String(v));
    }
  }
  function edgeList(card, title, edges) {
    if (!edges.length) return;
    el("h3", {}, card, title);
    const ul = el("ul", {}, card);
    for (const e of edges) {
      const b = el("button", { type: "button" }, el("li", {}, ul), `${label(e.source)} → ${label(e.target)} (${e.label})`);
      b.addEventListener("click", () => selectEdge(e.id));
    }
  }
  function selectNode(id, center) {
    const n = byId.get(id);
    clearSelection();
    state.pinned = id;
    refilter();
    nodeEls.get(id).g.classList.add("selected");
    if (center) centerOn(n);
    const card = $("card");
    card.replaceChildren();
    card.dataset.kind = "entity";
    card.dataset.id = id;
    el("h2", {}, card, n.label);
    el("span", { class: "kind" }, card, data.kinds[n.kind].label).style.background = n.color;
    fields(card, [["id", n.id], ...n.details]);
    edgeList(card, "Sends / acts on", data.edges.filter((e) => e.source === id));
    edgeList(card, "Receives", data.edges.filter((e) => e.target === id && e.source !== id));
    edgeList(card, "Named in (ligand, receptor, mediator, process)", data.edges.filter((e) => e.mentions.includes(id)));
  }
  function selectEdge(id) {
    const { g, data: e } = edgeEls.get(id);
    clearSelection();
    g.classList.add("selected");
    const card = $("card");
    card.replaceChildren();
    card.dataset.kind = "interaction";
    card.dataset.id = id;
    el("h2", {}, card, `${label(e.source)} → ${label(e.target)}`);
    el("span", { class: "kind" }, card, data.outcomes[e.outcome].label).style.background = e.color;
    if (e.summary) el("p", {}, card, e.summary);
    fields(card, [["id", e.id], ["sign", e.sign_name], ...e.details.map(([k, v]) => [k, resolve(v)])]);
    el("h3", {}, card, "Citations");
    const ol = el("ol", { class: "citations" }, card);
    for (const c of e.citations) el("li", {}, ol, c);
    if (!e.citations.length) el("li", { class: "hint" }, ol, e.evidence.join(", ") || "none");
    el("button", { type: "button" }, card, "show " + label(e.source)).addEventListener("click", () => selectNode(e.source, true));
  }
  function resolve(v) {
    if (Array.isArray(v)) return v.map((x) => (byId.has(x) ? label(x) : x));
    return byId.has(v) ? label(v) : v;
  }

  // -- search ------------------------------------------------------------------------------------------------
  function search(query) {
    const q = query.trim().toLowerCase();
    const results = $("results");
    results.replaceChildren();
    if (!q) return [];
    const scored = [];
    for (const n of data.nodes) {
      const names = [n.label, n.id, ...n.names].map((s) => s.toLowerCase());
      const score = names.includes(q) ? 0 : names.some((s) => s.startsWith(q)) ? 1 : names.some((s) => s.includes(q)) ? 2 : -1;
      if (score >= 0) scored.push([score, n]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label));
    for (const [, n] of scored.slice(0, 30)) {
      const b = el("button", { type: "button", "data-id": n.id }, results, `${n.label} — ${data.kinds[n.kind].label}`);
      b.addEventListener("click", () => {
        results.replaceChildren();
        selectNode(n.id, true);
      });
      nodeEls.get(n.id).g.classList.add("match");
    }
    if (!scored.length) el("button", { type: "button", disabled: "" }, results, "no match");
    return scored;
  }

  function main() {
    document.title = data.title;
    $("title").textContent = data.title;
    drawEdges($("edges"));
    drawNodes($("nodes"));
    paintEdges();
    buildFilters();
    wirePanZoom();
    refilter();
    fit();
    const input = $("search");
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        clearSelection();
        search(input.value);
      }
    });
    $("search-go").addEventListener("click", () => {
      clearSelection();
      search(input.value);
    });
    $("graph").addEventListener("click", () => $("results").replaceChildren());
    window.addEventListener("resize", fit);
    document.body.dataset.ready = "1";
  }
  main();
})();
