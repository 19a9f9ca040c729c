// tmekg HTML view: the project's own script (no third-party code). Overview, focus and whole-graph drawings in
// SVG, pan/zoom, search that zooms to the hit, deep links, filters and cards. The data comes from the JSON
// block; every text is set with textContent, never parsed as markup.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("tmekg-data").textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const overviewEdges = new Map(data.overview.edges.map((e) => [e.id, e]));
  const $ = (id) => document.getElementById(id);
  const state = {
    k: 1, tx: 0, ty: 0, colorBy: "outcome", cancer: "", isolated: !!data.showIsolated, pinned: "",
    kinds: new Set(), outcomes: new Set(), mode: "", focus: "",
  };
  let nodeEls = new Map();
  let edgeEls = new Map();

  function el(tag, attrs, parent, text) {
    const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const label = (id) => (byId.has(id) ? byId.get(id).label : data.labels[id] || id);

  // -- search keys: the same folding as tmekg.names.fold / query_keys (tables from Python) ------------------------
  function fold(text) {
    let s = String(text).normalize("NFKC").toLowerCase();
    for (const [letter, name] of Object.entries(data.greek)) s = s.split(letter).join(name);
    for (const [british, american] of Object.entries(data.spellings)) s = s.split(british).join(american);
    return s.replace(/[^\p{L}\p{N}]+/gu, "");
  }
  const greekShort = new RegExp((data.greekShort || []).join("|") || "(?!)", "g");
  const short = (key) => key.replace(greekShort, (m) => m[0]);
  function queryKeys(text) {
    const key = fold(text);
    const keys = [key, short(key)];
    if (key.length > 3 && key.endsWith("s") && !key.endsWith("ss")) keys.push(key.slice(0, -1), short(key.slice(0, -1)));
    return [...new Set(keys.filter(Boolean))];
  }
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        low = Math.min(low, cur[j]);
      }
      if (low > most) return most + 1;
      prev = cur;
    }
    return prev[b.length];
  }

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
  // A drawing is {nodes: [{id, label, kind, color, shape, size, x, y, anchor, cls}], edges: [{id, source,
  // target, color, sign_color, width, arrow, line, helper, outcome, kind, ref, count}]}; ref is the data edge (cards).
  // line (solid, dashed, dotted) is the exported edge's line style; helper marks the view's own faint links.
  function edgeColor(e) {
    return state.colorBy === "sign" && e.sign_color ? e.sign_color : e.color;
  }
  function drawEdges(layer, edges, pos) {
    const pairs = new Map();
    for (const e of edges) {
      const key = [e.source, e.target].sort().join("\u0000");
      const list = pairs.get(key) || [];
      list.push(e);
      pairs.set(key, list);
    }
    for (const list of pairs.values()) {
      list.forEach((e, i) => {
        const a = pos.get(e.source);
        const b = pos.get(e.target);
        if (!a || !b) return;
        const lineCls = e.line && e.line !== "solid" ? "line-" + e.line : "";
        const cls = ["edge", e.kind === "therapy_action" ? "therapy" : "", e.kind === "imported" ? "imported" : "", lineCls, e.helper ? "helper" : "", e.cls || ""];
        const g = el("svg:g", { class: cls.join(" ").trim(), "data-id": e.id, "data-kind": e.kind || "" }, layer);
        let d;
        let tip;
        let dir;
        let mid;
        if (a === b) {
          const r = a.size / 2;
          d = `M${a.x},${a.y - r} C${a.x + 4 * r},${a.y - 4 * r} ${a.x + 4 * r},${a.y + r} ${a.x + r},${a.y}`;
          tip = [a.x + r + 2, a.y];
          dir = [-1, 0];
          mid = [a.x + 3 * r, a.y - r];
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
          mid = [0.25 * a.x + 0.5 * cx + 0.25 * tip[0], 0.25 * a.y + 0.5 * cy + 0.25 * tip[1]];
        }
        el("svg:path", { class: "hit", d: d }, g);
        const line = el("svg:path", { class: "line", d: d, "stroke-width": e.width }, g);
        const head = el("svg:path", { class: "head" }, g);
        const s = 5 + Math.min(e.width, 6);
        const [ux, uy] = dir;
        const [px, py] = [-uy, ux];
        const [x, y] = tip;
        if (e.arrow === "tee") {
          head.setAttribute("d", `M${x + px * s},${y + py * s} L${x - px * s},${y - py * s}`);
          head.setAttribute("stroke-width", 2 + Math.min(e.width, 6) / 2);
        } else if (e.arrow === "triangle") {
          const bx = x - ux * s * 1.6;
          const by = y - uy * s * 1.6;
          head.setAttribute("d", `M${x},${y} L${bx + px * s * 0.8},${by + py * s * 0.8} L${bx - px * s * 0.8},${by - py * s * 0.8} Z`);
        }
        if (e.countLabel) el("svg:text", { class: "count", x: mid[0], y: mid[1] }, g, e.countLabel);
        el("svg:title", {}, g, e.title || `${label(e.source)} → ${label(e.target)}`);
        g.addEventListener("click", (ev) => {
          ev.stopPropagation();
          e.onClick ? e.onClick() : selectEdge(e.ref ? e.ref.id : e.id);
        });
        edgeEls.set(e.id, { g: g, line: line, head: head, data: e });
      });
    }
  }
  function drawNodes(layer, nodes) {
    for (const n of nodes) {
      const g = el("svg:g", { class: "node " + (n.cls || ""), transform: `translate(${n.x},${n.y})`, "data-id": n.id }, layer);
      shape(n, g);
      const short = n.label.length > 46 ? n.label.slice(0, 45) + "…" : n.label;
      const r = n.size / 2;
      if (n.anchor === "end") el("svg:text", { "text-anchor": "end", x: -r * 1.4 - 6, y: 5 }, g, short);
      else if (n.anchor === "start") el("svg:text", { "text-anchor": "start", x: r * 1.4 + 6, y: 5 }, g, short);
      else el("svg:text", { "text-anchor": "middle", y: n.size / 2 + 14 }, g, short);
      el("svg:title", {}, g, `${n.full || n.label} (${n.id})`);
      g.addEventListener("click", (ev) => {
        ev.stopPropagation();
        n.onClick ? n.onClick() : selectNode(n.id, false);
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
  function render(drawing, mode) {
    state.mode = mode;
    document.body.dataset.mode = mode;
    nodeEls = new Map();
    edgeEls = new Map();
    $("edges").replaceChildren();
    $("nodes").replaceChildren();
    const pos = new Map(drawing.nodes.map((n) => [n.id, n]));
    drawEdges($("edges"), drawing.edges, pos);
    drawNodes($("nodes"), drawing.nodes);
    paintEdges();
    refilter();
    for (const b of document.querySelectorAll("#modes button")) b.classList.toggle("on", b.dataset.mode === mode);
    fit();
  }
  function fromData(n, extra) {
    return { id: n.id, label: n.label, kind: n.kind, color: n.color, shape: n.shape, size: n.size, x: n.x, y: n.y, ref: n, ...extra };
  }
  function fromEdge(e) {
    return { ...e, ref: e, title: `${label(e.source)} → ${label(e.target)}: ${e.label}` };
  }

  // -- the three drawings ------------------------------------------------------------------------------------
  function showOverview() {
    const counts = data.overview.nodes.map((n) => n.count);
    const most = Math.max(1, ...counts);
    const nodes = data.overview.nodes.map((o) => {
      const n = byId.get(o.id);
      const cell = o.kind === "cell";
      const sink = !cell && !o.x ? false : o.x >= 800;
      return {
        id: o.id, label: o.label, full: o.full, kind: o.kind, color: o.color, shape: n.shape, ref: n, x: o.x, y: o.y,
        size: cell ? 12 + 16 * Math.sqrt(o.count / most) : sink ? 34 : 14,
        anchor: cell ? "end" : sink ? "middle" : "start",
        cls: "overview",
        onClick: () => focus(o.id),
      };
    });
    const edges = data.overview.edges.map((o) => ({
      id: o.id, source: o.source, target: o.target, color: o.color, sign_color: o.sign > 0 ? "#1E8449" : "#111111",
      width: o.count ? Math.min(1 + 1.1 * Math.sqrt(o.count), 7) : 1.5, arrow: o.arrow, outcome: o.outcome, kind: "overview",
      countLabel: o.count >= 8 ? String(o.count) : "", cls: "overview", helper: !o.count,
      title: o.count ? `${label(o.source)} ${o.sign > 0 ? "increases" : "decreases"} ${label(o.target)}: ${o.count} statement(s)` : `${label(o.source)} → tumor growth`,
      onClick: () => (o.count ? overviewCard(o) : selectEdge(o.id)),
    }));
    render({ nodes: nodes, edges: edges }, "overview");
    setHash("overview");
    $("crumb").textContent = `Overview: ${nodes.filter((n) => n.kind === "cell").length} cell types and the processes they drive (click one to open it)`;
  }
  function showAll(mode) {
    const nodes = data.nodes.map((n) => fromData(n, {}));
    const edges = data.edges.map(fromEdge);
    render({ nodes: nodes, edges: edges }, mode || "all");
    if (mode !== "answer") setHash("view=all");
    $("crumb").textContent = mode === "answer" ? "Answer, in layers from left to right" : "Whole graph";
  }
  function focus(id) {
    const center = byId.get(id);
    if (!center) return;
    state.focus = id;
    const near = data.edges.filter((e) => e.source === id || e.target === id || e.mentions.includes(id));
    const col = new Map([[id, 1]]);
    const put = (n, c) => { if (!col.has(n)) col.set(n, c); };
    const kindOf = (n) => (byId.has(n) ? byId.get(n).kind : "other");
    const links = [];
    const seen = new Set();
    for (const e of near) {
      for (const n of [e.source, e.target]) {
        if (n === "tmekg:tumor_growth") put(n, 5);
        else if (kindOf(n) === "process" && n !== id) put(n, 4);
      }
    }
    for (const e of near) if (e.target === id && e.source !== id) put(e.source, 0);
    for (const e of near) if (e.source === id) put(e.target, 2);
    for (const e of near) {
      if (e.source === id || e.target === id) continue;
      put(e.source, 2);
      put(e.target, 3);
      const key = "named|" + e.source;
      if (!seen.has(key)) {
        seen.add(key);
        links.push({ id: key, source: id, target: e.source, color: "#999999", width: 1, arrow: "", outcome: "therapy", kind: "named", helper: true, title: `${center.label} is named in what ${label(e.source)} sends`, onClick: () => selectNode(id, false) });
      }
    }
    for (const e of near) {
      if ((e.kind === "interaction" || e.kind === "bundle") && e.process && e.target !== e.process) {
        put(e.process, 4);
        const key = `via|${e.target}|${e.process}|${e.sign}`;
        if (!seen.has(key) && e.target !== id) {
          seen.add(key);
          links.push({ id: key, source: e.target, target: e.process, color: e.color, width: 1.2, arrow: e.arrow, outcome: e.outcome, kind: "via", helper: true, title: `then ${e.sign > 0 ? "increases" : "decreases"} ${label(e.process)}`, onClick: () => selectEdge(e.id) });
        }
      }
    }
    const polarity = data.edges.filter((e) => e.kind === "polarity" && col.has(e.source) && e.source !== id);
    for (const e of polarity) put(e.target, 5);
    const used = [...new Set(col.values())].sort((a, b) => a - b);
    const columns = used.map((c) => [...col.entries()].filter(([, v]) => v === c).map(([n]) => n));
    for (const column of columns) column.sort((a, b) => label(a).localeCompare(label(b)));
    const tall = Math.max(...columns.map((c) => c.length));
    const nodes = [];
    columns.forEach((column, ci) => {
      column.forEach((n, ri) => {
        const y = (ri - (column.length - 1) / 2) * 54 + (tall * 54) / 2;
        const base = byId.get(n) || { id: n, label: label(n), kind: "other", color: "#BAB0AC", shape: "ellipse", size: 26 };
        nodes.push(fromData(base, { x: ci * 230, y: y, cls: n === id ? "focus" : "" }));
      });
    });
    const edges = [...near.map(fromEdge), ...links, ...polarity.map(fromEdge)];
    render({ nodes: nodes, edges: edges }, "focus");
    setHash("entity=" + id);
    $("crumb").textContent = `Focus: ${center.label} — what acts on it (left), what it acts on (right), the processes and tumor growth`;
    selectNode(id, false);
  }

  // -- view transform ----------------------------------------------------------------------------------------
  function apply() {
    $("viewport").setAttribute("transform", `translate(${state.tx},${state.ty}) scale(${state.k})`);
  }
  function fit() {
    const box = $("graph").getBoundingClientRect();
    let b;
    try {
      b = $("viewport").getBBox();
    } catch (err) {
      return;
    }
    if (!b.width && !b.height) return;
    const pad = 24;
    state.k = Math.min((box.width - 2 * pad) / Math.max(b.width, 1), (box.height - 2 * pad) / Math.max(b.height, 1), 1.6);
    state.tx = box.width / 2 - state.k * (b.x + b.width / 2);
    state.ty = box.height / 2 - state.k * (b.y + b.height / 2);
    apply();
  }
  function centerOn(n) {
    const box = $("graph").getBoundingClientRect();
    state.k = Math.max(state.k, 1.3);
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
    if (e.outcome && data.outcomes[e.outcome] && !state.outcomes.has(e.outcome)) return false;
    const ref = e.ref;
    if (ref && state.cancer && ref.kind === "interaction" && ref.contexts.length && !ref.contexts.includes(state.cancer)) return false;
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    return (!a || state.kinds.has(a.kind)) && (!b || state.kinds.has(b.kind));
  }
  function refilter() {
    let ne = 0;
    let nn = 0;
    for (const { g, data: n } of nodeEls.values()) {
      const base = n.ref || byId.get(n.id);
      const lonely = (state.mode === "all" || state.mode === "answer") && base && base.degree === 0 && !state.isolated && state.pinned !== n.id;
      const on = (!base || state.kinds.has(base.kind)) && !lonely;
      g.classList.toggle("hidden", !on);
      nn += on ? 1 : 0;
    }
    for (const { g, data: e } of edgeEls.values()) {
      const on = edgeVisible(e);
      g.classList.toggle("hidden", !on);
      ne += on ? 1 : 0;
    }
    $("count").textContent = `${nn} nodes, ${ne} edges shown (${data.nodes.length} entities, ${data.edges.length} edges in the file)`;
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
    const roles = $("roles");
    for (const style of Object.values(data.roles)) {
      const lab = el("div", { class: "legend" }, roles);
      el("span", { class: "swatch line" }, lab).style.background = style.color;
      el("span", {}, lab, style.label);
    }
    if (!Object.keys(data.roles).length) $("roles-title").classList.add("hidden");
    const select = $("cancer");
    el("option", { value: "" }, select, "all cancers");
    for (const c of data.cancers) el("option", { value: c.id }, select, c.label);
    select.addEventListener("change", () => {
      state.cancer = select.value;
      refilter();
    });
    $("isolated").checked = state.isolated;
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
    for (const [k, v, note] of rows) {
      if (v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
      el("dt", {}, dl, k);
      const dd = el("dd", {}, dl, Array.isArray(v) ? v.join(", ") : String(v));
      if (note) el("span", { class: "note" }, dd, note);
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
  function newCard(kind, id) {
    const card = $("card");
    card.replaceChildren();
    card.dataset.kind = kind;
    card.dataset.id = id;
    return card;
  }
  function selectNode(id, center) {
    const n = byId.get(id);
    if (!n) return;
    clearSelection();
    state.pinned = id;
    refilter();
    const drawn = nodeEls.get(id);
    if (drawn) drawn.g.classList.add("selected");
    if (center && drawn) centerOn(drawn.data);
    const card = newCard("entity", id);
    el("h2", {}, card, n.label);
    el("span", { class: "kind" }, card, data.kinds[n.kind].label).style.background = n.color;
    if (!(state.mode === "focus" && state.focus === id)) {
      el("button", { type: "button", class: "open" }, card, "open its neighbourhood").addEventListener("click", () => focus(id));
    }
    fields(card, [["id", n.id, ""], ...n.details]);
    const real = (e) => e.kind === "interaction" || e.kind === "bundle" || e.kind === "therapy_action" || e.kind === "imported";
    edgeList(card, "Sends / acts on", data.edges.filter((e) => e.source === id && real(e)));
    edgeList(card, "Receives", data.edges.filter((e) => e.target === id && e.source !== id && real(e)));
    edgeList(card, "Named in (ligand, receptor, mediator, process)", data.edges.filter((e) => e.mentions.includes(id)));
    edgeList(card, "Drives (processes), and what it does to tumor growth", data.edges.filter((e) => e.source === id && !real(e)));
  }
  function selectEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    clearSelection();
    const drawn = edgeEls.get(id);
    if (drawn) drawn.g.classList.add("selected");
    const card = newCard("interaction", id);
    el("h2", {}, card, `${label(e.source)} → ${label(e.target)}`);
    el("span", { class: "kind" }, card, data.outcomes[e.outcome] ? data.outcomes[e.outcome].label : e.outcome).style.background = e.color;
    if (e.summary) el("p", {}, card, e.summary);
    fields(card, [["id", e.id, ""], ["sign", e.sign_name, ""], ...e.details.map(([k, v, note]) => [k, resolve(v), note])]);
    el("h3", {}, card, "Citations");
    const ol = el("ol", { class: "citations" }, card);
    for (const c of e.citations) el("li", {}, ol, c);
    if (!e.citations.length) el("li", { class: "hint" }, ol, e.evidence.join(", ") || "none");
    el("button", { type: "button" }, card, "show " + label(e.source)).addEventListener("click", () => focus(e.source));
  }
  function overviewCard(o) {
    clearSelection();
    const drawn = edgeEls.get(o.id);
    if (drawn) drawn.g.classList.add("selected");
    const card = newCard("overview-edge", o.id);
    const verb = o.sign > 0 ? "increases" : "decreases";
    el("h2", {}, card, `${label(o.source)} ${verb} ${label(o.target)}`);
    el("span", { class: "kind" }, card, data.outcomes[o.outcome].label).style.background = o.color;
    el("p", {}, card, `${o.count} statement(s), of this cell type or its subtypes.`);
    const ids = new Set();
    for (const id of o.edges) {
      const agg = edgeById.get(id);
      if (agg && agg.details) for (const [k, v] of agg.details) if (k === "interactions") for (const i of v) ids.add(i);
      if (agg && agg.kind !== "effect") ids.add(id);
    }
    edgeList(card, "Statements", [...ids].map((i) => edgeById.get(i)).filter(Boolean));
  }
  function resolve(v) {
    if (Array.isArray(v)) return v.map((x) => label(x));
    return typeof v === "string" ? label(v) : v;
  }

  // -- search ------------------------------------------------------------------------------------------------
  function search(query) {
    const q = fold(query);
    const exact = queryKeys(query);
    const results = $("results");
    results.replaceChildren();
    if (!q) return [];
    const scored = [];
    for (const n of data.nodes) {
      let score = exact.some((k) => n.keys.includes(k)) ? 0 : n.keys.some((s) => s.startsWith(q)) ? 1 : n.keys.some((s) => s.includes(q)) ? 2 : -1;
      if (score < 0 && q.length >= 4) {
        const most = q.length >= 8 ? 2 : 1;
        if (n.keys.some((s) => distance(q, s, most) <= most)) score = 3;
      }
      if (score >= 0) scored.push([score, n]);
    }
    scored.sort((a, b) => a[0] - b[0] || b[1].degree - a[1].degree || a[1].label.localeCompare(b[1].label));
    for (const [score, n] of scored.slice(0, 30)) {
      const text = `${n.label} — ${data.kinds[n.kind].label}${score === 3 ? " (close spelling)" : ""}`;
      const b = el("button", { type: "button", "data-id": n.id }, results, text);
      b.addEventListener("click", () => {
        results.replaceChildren();
        goTo(n.id);
      });
      const drawn = nodeEls.get(n.id);
      if (drawn) drawn.g.classList.add("match");
    }
    if (!scored.length) el("button", { type: "button", disabled: "" }, results, "no match");
    return scored;
  }
  function goTo(id) {
    const drawn = nodeEls.get(id);
    if (drawn && !drawn.g.classList.contains("hidden") && state.mode !== "overview") {
      selectNode(id, true);
      setHash("entity=" + id);
    } else {
      focus(id);
      centerOn(nodeEls.get(id).data);
    }
  }

  // -- deep links --------------------------------------------------------------------------------------------
  function setHash(value) {
    const hash = "#" + value;
    if (decodeURIComponent(location.hash) === hash) return;
    try {
      history.replaceState(null, "", hash);
    } catch (err) {
      location.hash = hash;
    }
  }
  function followHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    const [key, value] = [hash.split("=")[0], hash.slice(hash.indexOf("=") + 1)];
    if (key === "entity" && byId.has(value)) {
      focus(value);
      return true;
    }
    if (key === "interaction" && edgeById.has(value)) {
      focus(edgeById.get(value).source);
      selectEdge(value);
      return true;
    }
    if (hash === "view=all") {
      showAll();
      return true;
    }
    if (hash === "overview") {
      showOverview();
      return true;
    }
    return false;
  }

  function main() {
    document.title = data.title;
    $("title").textContent = data.title;
    $("layers").textContent = "layers: " + data.layers.map((l) => l.layer).join(", ");
    buildFilters();
    wirePanZoom();
    $("mode-overview").addEventListener("click", showOverview);
    $("mode-all").addEventListener("click", () => showAll());
    if (data.start === "answer") {
      $("mode-overview").classList.add("hidden");
      $("mode-all").dataset.mode = "answer";
      $("mode-all").textContent = "Answer";
      $("mode-all").addEventListener("click", () => showAll("answer"));
    }
    if (!followHash()) {
      if (data.start === "answer") showAll("answer");
      else if (data.overview.nodes.length) showOverview();
      else showAll();
    }
    const input = $("search");
    const go = () => {
      clearSelection();
      const found = search(input.value);
      if (found.length) goTo(found[0][1].id);
    };
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") go();
    });
    $("search-go").addEventListener("click", go);
    $("graph").addEventListener("click", () => $("results").replaceChildren());
    window.addEventListener("hashchange", followHash);
    window.addEventListener("resize", fit);
    document.body.dataset.ready = "1";
  }
  main();
})();
