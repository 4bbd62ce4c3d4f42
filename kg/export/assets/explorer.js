// geokg explorer: draws the actor graph of a geokg page from its JSON data block with vis-network,
// with filters (CAMEO quad class, the object layer, hedged and conditional events, a date range and a
// time slider that replays the events), an actor search and an evidence panel with a timeline.
// Article text only ever reaches the page as data: parsed from <script type="application/json">,
// put into the DOM with textContent, handed to vis as plain-text titles. Nothing comes from the network.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("geokg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var MIN_TOP_LABEL_PX = 11; // the busiest actors' labels never shrink below this on screen
  var REPLAY_MS = 700;
  var events = data.events;
  var dates = data.dates;
  var firstDate = dates.length ? dates[0] : "";
  var lastDate = dates.length ? dates[dates.length - 1] : "";
  var nodeInfo = {};
  var edgeInfo = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; });
  data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
  var topNodes = data.nodes.filter(function (n) { return n.top; });

  function byId(id) { return document.getElementById(id); }
  var quadBoxes = document.querySelectorAll("#geokg-controls input[data-quad]");
  var objectsBox = byId("geokg-objects");
  var hedgedBox = byId("geokg-hedged");
  var from = byId("geokg-from");
  var to = byId("geokg-to");
  var slider = byId("geokg-time");
  var sliderLabel = byId("geokg-time-label");
  var playButton = byId("geokg-play");
  var search = byId("geokg-search");
  var status = byId("geokg-status");

  // --- filters ---------------------------------------------------------------------------------

  function filters() {
    var quads = {};
    quadBoxes.forEach(function (b) { quads[b.getAttribute("data-quad")] = b.checked; });
    var lo = from.value || firstDate;
    var hi = to.value || lastDate;
    var until = dates.length ? dates[Number(slider.value)] : "";
    if (until && until < hi) { hi = until; }
    return { quads: quads, objects: objectsBox.checked, hedged: hedgedBox.checked, lo: lo, hi: hi,
             dated: lo !== firstDate || hi !== lastDate };
  }

  // Is the event counted under the filters (the object layer aside)? Undated events drop out once
  // a date filter is set.
  function counted(ev, f) {
    if (ev.modality !== "asserted" && !f.hedged) { return false; }
    if (!f.quads[String(ev.quad)]) { return false; }
    if (!ev.first) { return !f.dated; }
    return ev.first <= f.hi && (ev.last || ev.first) >= f.lo;
  }

  function layerShows(e, f) { return f.objects || (nodeInfo[e.from].actor && nodeInfo[e.to].actor); }

  function edgeColour(e) { return e.mark ? data.diffColours[e.mark] : data.quadColours[String(e.quad)]; }

  function edgeWidth(n) { return 1 + 1.5 * Math.min(Math.max(n, 1), 8); }

  function edgeItem(e, n) {
    var colour = edgeColour(e);
    var item = {
      id: e.id, from: e.from, to: e.to, title: e.title, hidden: n === 0, quad: e.quad, mark: e.mark || null,
      modality: e.modality, negated: e.negated, weight: e.weight,
      color: { color: colour, highlight: colour, hover: colour, inherit: false },
      width: edgeWidth(n),
      dashes: e.modality !== "asserted" ? data.dotted : (e.negated || e.mark === "removed") ? [8, 5] : false
    };
    if (e.smooth) { item.smooth = e.smooth; }
    return item;
  }

  function nodeItem(n, hidden) {
    var item = {
      id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, hidden: hidden, actor: n.actor, top: n.top,
      main: !!n.main, events: n.events, shape: n.actor ? "dot" : "box", size: n.actor ? n.size : undefined,
      color: { background: n.color, border: n.actor ? "#495057" : "#adb5bd",
               highlight: { background: n.color, border: "#212529" }, hover: { background: n.color, border: "#212529" } },
      font: { size: n.font, color: n.actor ? "#212529" : "#495057" },
      borderWidth: n.top ? 2 : 1
    };
    if (!n.actor) { item.margin = 5; }
    return item;
  }

  // Count each edge's events under the filters; a node is shown when one of its edges is.
  function compute(f) {
    var counts = {};
    var shownNodes = {};
    data.edges.forEach(function (e) {
      var n = 0;
      if (layerShows(e, f)) {
        for (var k = 0; k < e.events.length; k++) { if (counted(events[e.events[k]], f)) { n++; } }
      }
      counts[e.id] = n;
      if (n) { shownNodes[e.from] = true; shownNodes[e.to] = true; }
    });
    return { counts: counts, shownNodes: shownNodes };
  }

  // --- the network -----------------------------------------------------------------------------

  var f0 = filters();
  var c0 = compute(f0);
  var shownEdges = {};
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return nodeItem(n, !c0.shownNodes[n.id]); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { shownEdges[e.id] = c0.counts[e.id]; return edgeItem(e, c0.counts[e.id]); }));
  var network = new vis.Network(byId("mynetwork"), { nodes: nodes, edges: edges }, data.options);
  window.nodes = nodes;
  window.edges = edges;
  window.network = network;
  var hiddenNodes = {};
  data.nodes.forEach(function (n) { hiddenNodes[n.id] = !c0.shownNodes[n.id]; });

  function applyFilters() {
    var f = filters();
    var c = compute(f);
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var n = c.counts[e.id];
      if (shownEdges[e.id] !== n) {
        // only what shows: vis re-reads every option of every item it is given (slow on large graphs)
        if (shownEdges[e.id] === 0 || n === 0 || edgeWidth(n) !== edgeWidth(shownEdges[e.id])) {
          edgeUpdates.push({ id: e.id, hidden: n === 0, width: edgeWidth(n) });
        }
        shownEdges[e.id] = n;
      }
    });
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var hidden = !c.shownNodes[n.id];
      if (hiddenNodes[n.id] !== hidden) { hiddenNodes[n.id] = hidden; nodeUpdates.push({ id: n.id, hidden: hidden }); }
    });
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    report(c);
    sliderLabel.textContent = dates.length ? dates[Number(slider.value)] : "";
    if (current) { current(); }
  }

  function report(c) {
    var visibleEdges = 0;
    var visibleNodes = 0;
    Object.keys(c.counts).forEach(function (id) { if (c.counts[id]) { visibleEdges++; } });
    Object.keys(c.shownNodes).forEach(function () { visibleNodes++; });
    status.textContent = visibleEdges + " of " + data.edges.length + " edges, " + visibleNodes + " of " +
      data.nodes.length + " nodes shown";
    window.geokgVisibleEdges = visibleEdges;
    window.geokgVisibleNodes = visibleNodes;
  }

  // The busiest actors' labels are drawn at any zoom: their font grows as the view zooms out, so
  // they stay MIN_TOP_LABEL_PX on screen (vis skips labels under its draw threshold of 5 px).
  var topSizes = {};
  function keepTopLabelsLegible() {
    var scale = network.getScale();
    var updates = [];
    topNodes.forEach(function (n) {
      var size = Math.round(Math.max(n.font, MIN_TOP_LABEL_PX / scale));
      if (topSizes[n.id] !== size) { topSizes[n.id] = size; updates.push({ id: n.id, font: { size: size } }); }
    });
    if (updates.length) { nodes.update(updates); }
  }

  // Frame the main connected component of the actor graph (its nodes and labels, as the layout
  // measured them), at most at 100 %; with the object layer on (a diff page) or without one, everything shown.
  function fitMain() {
    var b = data.mainBounds;
    var box = byId("mynetwork");
    if (b && !objectsBox.checked && box.clientWidth && box.clientHeight) {
      var scale = Math.min(1, box.clientWidth / ((b[2] - b[0]) * 1.06), box.clientHeight / ((b[3] - b[1]) * 1.06));
      network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: scale, animation: false });
    } else {
      network.fit({ animation: false, maxZoomLevel: 1 });
    }
    keepTopLabelsLegible();
  }

  // --- the evidence panel ----------------------------------------------------------------------

  var current = null; // redraws the panel's selection when the filters change

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text !== undefined && text !== null) { x.textContent = text; }
    return x;
  }

  function panel(title) {
    byId("geokg-panel-title").textContent = title;
    var body = byId("geokg-panel-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    return body;
  }

  function label(id) { return nodeInfo[id] ? nodeInfo[id].label : id; }

  function eventText(ev) {
    return label(ev.s) + (ev.negated ? " not " : " ") + ev.relation + " " + label(ev.o);
  }

  function span(ev) {
    if (!ev.first) { return "undated"; }
    return ev.last && ev.last !== ev.first ? ev.first + " \u2013 " + ev.last : ev.first;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function reportItem(r) {
    var li = el("li", "geokg-report");
    li.appendChild(el("q", null, r.sentence));
    var source = r.document + " \u00b7 " + (r.date || "undated") + " \u00b7 " + r.modality;
    if (r.by) { source += " \u00b7 according to " + r.by; }
    li.appendChild(el("span", "geokg-source", source));
    return li;
  }

  function eventItem(ev, open) {
    var li = el("li", "geokg-event");
    li.style.borderLeftColor = ev.mark ? data.diffColours[ev.mark] : data.quadColours[String(ev.quad)];
    li.appendChild(el("div", "geokg-head", span(ev) + "  " + eventText(ev)));
    var meta = data.quadNames[String(ev.quad)] + " \u00b7 CAMEO " + (ev.code || "-") + " \u00b7 " + ev.modality +
      " \u00b7 " + plural(ev.reports.length, "report") + ", " + plural(ev.documents, "independent source");
    if (ev.mark) { meta += " \u00b7 " + ev.mark; }
    li.appendChild(el("div", "geokg-meta", meta));
    if (ev.note) { li.appendChild(el("div", "geokg-note", ev.note)); }
    var list = el("ol");
    ev.reports.forEach(function (r) { list.appendChild(reportItem(r)); });
    if (open) {
      li.appendChild(list);
    } else {
      var details = el("details");
      details.appendChild(el("summary", null, "reports"));
      details.appendChild(list);
      li.appendChild(details);
    }
    return li;
  }

  function showNode(id) {
    var n = nodeInfo[id];
    if (!n) { return; }
    var f = filters();
    var list = events.filter(function (ev) { return (ev.s === id || ev.o === id) && counted(ev, f); });
    var body = panel(n.label);
    var reports = 0;
    list.forEach(function (ev) { reports += ev.reports.length; });
    body.appendChild(el("div", "geokg-meta", n.title.split("\n").slice(1).join(" \u00b7 ")));
    body.appendChild(el("div", "geokg-meta", plural(list.length, "event") + " under the filters, " +
      plural(reports, "report") + ", by date"));
    var ol = el("ol");
    list.forEach(function (ev) { ol.appendChild(eventItem(ev, false)); });
    body.appendChild(ol);
    current = function () { showNode(id); };
    window.geokgPanel = { kind: "node", id: id, events: list.length };
  }

  function showEdge(id) {
    var e = edgeInfo[id];
    if (!e) { return; }
    var f = filters();
    var list = e.events.map(function (k) { return events[k]; }).filter(function (ev) { return counted(ev, f); });
    var body = panel(label(e.from) + " \u2192 " + label(e.to));
    var reports = 0;
    var sources = 0;
    list.forEach(function (ev) { reports += ev.reports.length; sources += ev.documents; });
    var kind = (e.negated ? "not " : "") + data.quadNames[String(e.quad)] + (e.modality === "asserted" ? "" : " (" + e.modality + ")");
    body.appendChild(el("div", "geokg-meta", kind + " \u00b7 " + plural(list.length, "event") + " \u00b7 " +
      plural(reports, "report") + " \u00b7 " + plural(sources, "independent report")));
    body.appendChild(el("div", "geokg-meta", "Cooperation (up) and conflict (down) between the two, both ways:"));
    body.appendChild(timeline(e, f));
    var ol = el("ol");
    list.forEach(function (ev) { ol.appendChild(eventItem(ev, true)); });
    body.appendChild(ol);
    current = function () { showEdge(id); };
    window.geokgPanel = { kind: "edge", id: id, events: list.length, reports: reports };
  }

  // A small timeline of the pair's events, both directions: cooperation above the axis, conflict
  // below, one mark per event (larger with more independent reports, hollow when negated); the
  // selected edge's events are outlined.
  function timeline(edge, f) {
    var a = edge.from;
    var b = edge.to;
    var mine = {};
    edge.events.forEach(function (k) { mine[k] = true; });
    var pair = [];
    events.forEach(function (ev, k) {
      var between = (ev.s === a && ev.o === b) || (ev.s === b && ev.o === a);
      if (between && ev.first && (ev.modality === "asserted" || f.hedged)) { pair.push({ ev: ev, k: k }); }
    });
    var w = 330;
    var h = 120;
    var pad = 30;
    var mid = h / 2;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("id", "geokg-timeline");
    svg.setAttribute("width", String(w));
    svg.setAttribute("height", String(h));
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    function add(tag, attrs, text) {
      var x = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { x.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) { x.textContent = text; }
      svg.appendChild(x);
      return x;
    }
    add("line", { x1: pad, y1: mid, x2: w - 8, y2: mid, stroke: "#adb5bd" });
    add("text", { x: 2, y: 14, "font-size": 10, fill: "#2b8a3e" }, "cooperation");
    add("text", { x: 2, y: h - 4, "font-size": 10, fill: "#c92a2a" }, "conflict");
    if (!pair.length) {
      add("text", { x: pad, y: mid - 6, "font-size": 11, fill: "#495057" }, "no dated events");
      return svg;
    }
    var t0 = Date.parse(pair[0].ev.first);
    var t1 = t0;
    pair.forEach(function (p) { t1 = Math.max(t1, Date.parse(p.ev.first)); });
    if (t1 === t0) { t0 -= 3 * 86400000; t1 += 3 * 86400000; }
    function x(d) { return pad + 8 + (w - pad - 24) * (Date.parse(d) - t0) / (t1 - t0); }
    add("text", { x: pad, y: mid + 12, "font-size": 9, fill: "#6c757d" }, new Date(t0).toISOString().slice(0, 10));
    add("text", { x: w - 62, y: mid + 12, "font-size": 9, fill: "#6c757d" }, new Date(t1).toISOString().slice(0, 10));
    var stack = {};
    pair.forEach(function (p) {
      var ev = p.ev;
      var side = ev.quad === 1 || ev.quad === 2 ? -1 : ev.quad === 3 || ev.quad === 4 ? 1 : 0;
      var key = ev.first + side;
      var level = stack[key] || 0;
      stack[key] = level + 1;
      var r = 3 + 1.5 * Math.min(ev.documents, 4);
      var colour = ev.mark ? data.diffColours[ev.mark] : data.quadColours[String(ev.quad)];
      var dot = add("circle", {
        cx: x(ev.first), cy: mid + side * (r + 4 + level * 11), r: r,
        fill: ev.negated ? "#ffffff" : colour, stroke: mine[p.k] ? "#212529" : colour, "stroke-width": mine[p.k] ? 2 : 1,
        "class": "geokg-mark"
      });
      var tip = document.createElementNS(SVG, "title");
      tip.textContent = ev.first + " " + eventText(ev) + " (" + plural(ev.documents, "independent report") + ")";
      dot.appendChild(tip);
    });
    return svg;
  }

  // --- search, time, wiring --------------------------------------------------------------------

  function focusActor() {
    var q = search.value.trim().toLowerCase();
    if (!q) { return; }
    var matches = data.nodes.filter(function (n) { return String(n.label).toLowerCase().indexOf(q) >= 0; })
      .sort(function (m, n) { return (hiddenNodes[m.id] - hiddenNodes[n.id]) || (n.events - m.events); });
    var match = matches[0];
    if (!match) { status.textContent = "no actor matches \u201c" + search.value + "\u201d"; return; }
    if (hiddenNodes[match.id] && !match.actor && !objectsBox.checked) { objectsBox.checked = true; applyFilters(); }
    showNode(match.id);
    if (hiddenNodes[match.id]) { status.textContent = match.label + " has no events under the filters"; return; }
    var around = network.getConnectedNodes(match.id).filter(function (id) { return !hiddenNodes[id]; });
    network.selectNodes([match.id].concat(around));
    network.focus(match.id, { scale: Math.max(network.getScale(), 1), animation: false });
    keepTopLabelsLegible();
    window.geokgFocused = match.id;
    status.textContent = match.label + ": " + around.length + " neighbours";
  }

  var replay = null;
  function stopReplay() {
    if (replay !== null) { clearInterval(replay); replay = null; playButton.textContent = "\u25b6 replay"; }
  }
  function startReplay() {
    if (!dates.length) { return; }
    if (Number(slider.value) >= dates.length - 1) { slider.value = "0"; applyFilters(); }
    playButton.textContent = "\u275a\u275a pause";
    replay = setInterval(function () {
      if (Number(slider.value) >= dates.length - 1) { stopReplay(); return; }
      slider.value = String(Number(slider.value) + 1);
      applyFilters();
    }, REPLAY_MS);
  }

  quadBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  [objectsBox, hedgedBox, from, to].forEach(function (x) { x.addEventListener("change", applyFilters); });
  slider.addEventListener("input", applyFilters);
  playButton.addEventListener("click", function () { if (replay === null) { startReplay(); } else { stopReplay(); } });
  byId("geokg-search-go").addEventListener("click", focusActor);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { focusActor(); } });
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("zoom", keepTopLabelsLegible);
  network.on("resize", function () { setTimeout(keepTopLabelsLegible, 0); }); // a resize rescales the view
  window.geokgEdgeEvents = shownEdges; // edge id -> its events under the filters
  window.geokgShowNode = showNode;
  window.geokgShowEdge = showEdge;
  report(c0);
  fitMain();
  // ready: drawn once, at its first view, and answering to the controls
  network.once("afterDrawing", function () { window.geokgReady = true; });
})();
