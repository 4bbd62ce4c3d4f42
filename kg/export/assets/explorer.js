// geokg explorer controls: filter by CAMEO quad class and date range, show or hide hedged and
// conditional statements (not facts: hidden unless their box is ticked), search and focus an actor.
// Article text only ever reaches the page as data (vis DataSet, textContent), never as HTML.
(function () {
  "use strict";
  function ready(fn) {
    if (typeof network !== "undefined") { fn(); } else { setTimeout(function () { ready(fn); }, 20); }
  }
  ready(function () {
    var quadBoxes = document.querySelectorAll("#geokg-controls input[data-quad]");
    var from = document.getElementById("geokg-from");
    var to = document.getElementById("geokg-to");
    var hedged = document.getElementById("geokg-hedged");
    var search = document.getElementById("geokg-search");
    var status = document.getElementById("geokg-status");
    var allEdges = edges.get();
    var hedgedOnlyNodes = nodes.get({ filter: function (n) { return n.hedgedOnly === true; } });

    function applyFilters() {
      var shown = {};
      quadBoxes.forEach(function (b) { shown[b.getAttribute("data-quad")] = b.checked; });
      var lo = from.value || "0000-00-00", hi = to.value || "9999-99-99";
      var withHedged = hedged.checked;
      var updates = allEdges.map(function (e) {
        var inDates = (e.dmax || "9999-99-99") >= lo && (e.dmin || "0000-00-00") <= hi;
        var counted = (e.modality || "asserted") === "asserted" || withHedged;
        return { id: e.id, hidden: !(shown[String(e.quad)] && inDates && counted) };
      });
      edges.update(updates);
      nodes.update(hedgedOnlyNodes.map(function (n) { return { id: n.id, hidden: !withHedged }; }));
      var visible = updates.filter(function (u) { return !u.hidden; }).length;
      status.textContent = visible + " of " + updates.length + " edges shown";
      window.geokgVisibleEdges = visible;
    }

    function focusActor() {
      var q = search.value.trim().toLowerCase();
      if (!q) { return; }
      var match = nodes.get({ filter: function (n) { return !n.hidden && String(n.label).toLowerCase().indexOf(q) >= 0; } })
        .sort(function (a, b) { return (b.count || 0) - (a.count || 0); })[0];
      if (!match) { status.textContent = "no actor matches \u201c" + search.value + "\u201d"; return; }
      var around = network.getConnectedNodes(match.id);
      network.selectNodes([match.id].concat(around));
      network.focus(match.id, { scale: 1.2, animation: false });
      window.geokgFocused = match.id;
      status.textContent = match.label + ": " + around.length + " neighbours";
    }

    quadBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
    from.addEventListener("change", applyFilters);
    to.addEventListener("change", applyFilters);
    hedged.addEventListener("change", applyFilters);
    document.getElementById("geokg-search-go").addEventListener("click", focusActor);
    search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { focusActor(); } });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
    applyFilters();
    window.geokgReady = true;
  });
})();
