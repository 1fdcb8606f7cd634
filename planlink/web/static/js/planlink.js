/*
 * PlanLink front-end helpers — no framework, no build step.
 * Needs (vendored, see ../VENDOR.md): htmx 2 (optional), Leaflet 1.9.4 for maps,
 * ECharts 6 for charts. Each helper only runs when its library is on the page.
 *
 * Markup contracts (documented in docs/design.md and templates/components/):
 *
 *   Choropleth (แผนที่แสดงค่า):
 *     <div class="map" data-choropleth data-geo-url="…/tambons/24.geojson"
 *          data-values-url="…/values.json" data-metric="funded_share"
 *          data-metric-label="สัดส่วนโครงการที่ได้รับงบ" data-value-suffix="%"
 *          data-href-template="/areas/{code}/" data-code-property="code"></div>
 *     values JSON: {"240101": 12.5, …}  or  {"funded_share": {"240101": 12.5, …}, …}
 *     (when data-metric names a key holding an object, that object is used).
 *
 *   Chart (แผนภูมิ):
 *     <div class="chart" data-chart data-chart-url="…/funnel.json"></div>
 *     or <div class="chart" data-chart><script type="application/json">{…}</script></div>
 *     JSON: {"type": "funnel"|"bar", "title": "…", "data": [{"name": "…", "value": 1}]}
 *           bar may instead give {"categories": […], "series": [{"name": "…", "data": […]}],
 *           "horizontal": true}; or {"option": {…}} for a raw ECharts option.
 *
 *   Job progress (ความคืบหน้า):
 *     <div class="progress" data-job-url="/jobs/42/status/" data-interval="2000">…</div>
 *     status JSON: {"state": "queued|running|done|failed", "progress": 0-100,
 *                   "message": "…", "result_url": "…"}
 *
 *   htmx: every request carries the CSRF token from <meta name="csrf-token" content="…">.
 */
(function () {
  "use strict";

  var TERMINAL_STATES = { done: "done", succeeded: "done", success: "done", failed: "failed", error: "failed", cancelled: "failed" };

  function language() {
    var lang = (document.documentElement.lang || "th").toLowerCase();
    return lang.indexOf("th") === 0 ? "th" : "en";
  }

  function translate(thai, english) {
    return language() === "th" ? thai : english;
  }

  function formatNumber(value, maximumFractionDigits) {
    if (value === null || value === undefined || !isFinite(value)) {
      return translate("ไม่มีข้อมูล", "No data");
    }
    var digits = maximumFractionDigits === undefined ? 2 : maximumFractionDigits;
    return new Intl.NumberFormat(language() === "th" ? "th-TH" : "en-GB", {
      maximumFractionDigits: digits,
    }).format(value);
  }

  function cssVariable(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function fetchJson(url, cacheMode) {
    var init = { credentials: "same-origin", headers: { Accept: "application/json" }, cache: cacheMode || "default" };
    return fetch(url, init).then(
      function (response) {
        if (!response.ok) {
          throw new Error(url + " → HTTP " + response.status);
        }
        return response.json();
      }
    );
  }

  function showFailure(element, thai, english) {
    var note = document.createElement("p");
    note.className = "message message--error";
    note.setAttribute("role", "alert");
    note.textContent = translate(thai, english);
    element.replaceChildren(note);
  }

  /* Thai has no spaces between words, and ECharts breaks long labels between any two code
     points (even between a consonant and its vowel mark). Break at word boundaries instead,
     with Intl.Segmenter's Thai dictionary; explicit "\n" in a label is kept. */
  var COMBINING_MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;

  function visibleLength(text) {
    return text.replace(COMBINING_MARKS, "").length;
  }

  function wrapLabel(text, maximumCharacters) {
    var label = String(text === null || text === undefined ? "" : text);
    if (visibleLength(label) <= maximumCharacters || label.indexOf("\n") !== -1) {
      return label;
    }
    if (typeof Intl === "undefined" || typeof Intl.Segmenter === "undefined") {
      return label;
    }
    var segmenter = new Intl.Segmenter(language() === "th" ? "th" : "en", { granularity: "word" });
    var lines = [""];
    Array.from(segmenter.segment(label)).forEach(function (part) {
      var current = lines[lines.length - 1];
      if (current && visibleLength(current + part.segment) > maximumCharacters) {
        lines.push(part.segment.replace(/^\s+/, ""));
      } else {
        lines[lines.length - 1] = current + part.segment;
      }
    });
    return lines.join("\n");
  }

  /* Quantile class breaks over the finite values: returns ascending upper bounds. */
  function classBreaks(values, classCount) {
    var sorted = values.filter(isFinite).sort(function (a, b) { return a - b; });
    if (sorted.length === 0) {
      return [];
    }
    var breaks = [];
    for (var index = 1; index <= classCount; index += 1) {
      var position = Math.min(sorted.length - 1, Math.ceil((index / classCount) * sorted.length) - 1);
      var bound = sorted[position];
      if (breaks.length === 0 || bound > breaks[breaks.length - 1]) {
        breaks.push(bound);
      }
    }
    return breaks;
  }

  function classIndex(value, breaks) {
    for (var index = 0; index < breaks.length; index += 1) {
      if (value <= breaks[index]) {
        return index;
      }
    }
    return breaks.length - 1;
  }

  /* [smallest, largest] value actually present in each class, for an honest legend. */
  function classRanges(values, breaks) {
    var ranges = breaks.map(function () { return [Infinity, -Infinity]; });
    values.filter(isFinite).forEach(function (value) {
      var range = ranges[classIndex(value, breaks)];
      range[0] = Math.min(range[0], value);
      range[1] = Math.max(range[1], value);
    });
    return ranges;
  }

  /* ---------------------------------------------------------------- choropleth */
  function initChoropleth(element) {
    if (element.dataset.planlinkReady || typeof window.L === "undefined") {
      return;
    }
    element.dataset.planlinkReady = "true";
    var metric = element.dataset.metric || "";
    var metricLabel = element.dataset.metricLabel || metric;
    var suffix = element.dataset.valueSuffix || "";
    var codeProperty = element.dataset.codeProperty || "code";
    var nameProperty = language() === "th" ? "name_th" : "name_en";
    var hrefTemplate = element.dataset.hrefTemplate || "";

    Promise.all([fetchJson(element.dataset.geoUrl), fetchJson(element.dataset.valuesUrl)])
      .then(function (results) {
        var geometry = results[0];
        var payload = results[1] || {};
        var values = payload;
        if (metric && payload[metric] && typeof payload[metric] === "object") {
          values = payload[metric];
        }
        drawChoropleth(element, geometry, values, {
          metricLabel: metricLabel,
          suffix: suffix,
          codeProperty: codeProperty,
          nameProperty: nameProperty,
          hrefTemplate: hrefTemplate,
        });
      })
      .catch(function (error) {
        console.error(error);
        showFailure(element, "โหลดแผนที่ไม่สำเร็จ", "The map could not be loaded.");
      });
  }

  function drawChoropleth(element, geometry, values, options) {
    var palette = [0, 1, 2, 3, 4].map(function (index) {
      return cssVariable("--choropleth-" + index, "#3182bd");
    });
    var emptyColour = cssVariable("--choropleth-empty", "#e5e7eb");
    var strokeColour = cssVariable("--choropleth-stroke", "#ffffff");
    var hoverColour = cssVariable("--choropleth-hover", "#ffbf47");

    function valueOf(feature) {
      var raw = values[feature.properties[options.codeProperty]];
      return raw === null || raw === undefined || raw === "" ? null : Number(raw);
    }
    function nameOf(feature) {
      return feature.properties[options.nameProperty] || feature.properties.name_th || "";
    }
    function hrefOf(feature) {
      var code = feature.properties[options.codeProperty];
      return options.hrefTemplate ? options.hrefTemplate.replace("{code}", encodeURIComponent(code)) : "";
    }

    var allValues = geometry.features.map(valueOf).filter(function (value) { return value !== null; });
    var breaks = classBreaks(allValues, palette.length);
    var colours = breaks.length <= 1 ? [palette[palette.length - 1]] : palette.slice(palette.length - breaks.length);

    function colourOf(feature) {
      var value = valueOf(feature);
      return value === null || !isFinite(value) ? emptyColour : colours[classIndex(value, breaks)];
    }
    function baseStyle(feature) {
      return { fillColor: colourOf(feature), fillOpacity: 0.9, color: strokeColour, weight: 1 };
    }

    var map = window.L.map(element, {
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      attributionControl: true,
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(
      translate(
        "ขอบเขต: OCHA HDX COD-AB / กรมแผนที่ทหาร via mapthai (CC BY-IGO); ชื่อ: GeoThai (CC BY 4.0)",
        "Boundaries: OCHA HDX COD-AB / Royal Thai Survey Dept. via mapthai (CC BY-IGO); names: GeoThai (CC BY 4.0)"
      )
    );

    var layer = window.L.geoJSON(geometry, {
      style: baseStyle,
      onEachFeature: function (feature, featureLayer) {
        var value = valueOf(feature);
        /* Built with textContent, never innerHTML: names come from data files. */
        featureLayer.bindTooltip(function () {
          var content = document.createElement("div");
          var name = document.createElement("strong");
          name.textContent = nameOf(feature);
          var line = document.createElement("div");
          line.textContent =
            options.metricLabel + ": " + formatNumber(value) + (value === null ? "" : options.suffix);
          content.append(name, line);
          return content;
        }, { sticky: true, direction: "top" });
        featureLayer.on("mouseover", function () {
          featureLayer.setStyle({ color: hoverColour, weight: 3 });
          featureLayer.bringToFront();
        });
        featureLayer.on("mouseout", function () {
          layer.resetStyle(featureLayer);
        });
        if (options.hrefTemplate) {
          featureLayer.on("click", function () {
            window.location.href = hrefOf(feature);
          });
        }
      },
    }).addTo(map);
    if (layer.getBounds().isValid()) {
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    }

    /* The legend sits under the map, not on it: on a phone an overlay hides a third of it. */
    var legend = document.createElement("div");
    legend.className = "map-legend";
    var title = document.createElement("p");
    title.className = "map-legend__title";
    title.textContent = options.metricLabel;
    var list = document.createElement("ul");
    classRanges(allValues, breaks).forEach(function (range, index) {
      var text = range[0] === range[1]
        ? formatNumber(range[0])
        : formatNumber(range[0]) + " – " + formatNumber(range[1]);
      list.appendChild(legendRow(colours[index], text + options.suffix));
    });
    list.appendChild(legendRow(emptyColour, translate("ไม่มีข้อมูล", "No data")));
    legend.append(title, list);
    var table = choroplethTable(geometry.features, valueOf, nameOf, hrefOf, options);
    element.insertAdjacentElement("afterend", table);
    element.insertAdjacentElement("afterend", legend);
  }

  function legendRow(colour, text) {
    var row = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "map-legend__swatch";
    swatch.style.background = colour;
    swatch.setAttribute("aria-hidden", "true");
    row.append(swatch, document.createTextNode(text));
    return row;
  }

  /* The same numbers as a table, for keyboard and screen-reader users (WCAG 1.1.1). */
  function choroplethTable(features, valueOf, nameOf, hrefOf, options) {
    var details = document.createElement("details");
    details.className = "map__table";
    var summary = document.createElement("summary");
    summary.textContent = translate("ดูข้อมูลแผนที่เป็นตาราง", "Show the map data as a table");
    var wrapper = document.createElement("div");
    wrapper.className = "table-scroll";
    var table = document.createElement("table");
    table.className = "table";
    var head = table.createTHead().insertRow();
    [translate("พื้นที่", "Area"), options.metricLabel].forEach(function (label, index) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = label;
      if (index === 1) {
        cell.className = "numeric";
      }
      head.appendChild(cell);
    });
    var body = table.createTBody();
    features
      .slice()
      .sort(function (a, b) { return nameOf(a).localeCompare(nameOf(b), "th"); })
      .forEach(function (feature) {
        var row = body.insertRow();
        var nameCell = row.insertCell();
        var href = hrefOf(feature);
        if (href) {
          var link = document.createElement("a");
          link.href = href;
          link.textContent = nameOf(feature);
          nameCell.appendChild(link);
        } else {
          nameCell.textContent = nameOf(feature);
        }
        var value = valueOf(feature);
        var valueCell = row.insertCell();
        valueCell.className = "numeric";
        valueCell.textContent = formatNumber(value) + (value === null ? "" : options.suffix);
      });
    wrapper.appendChild(table);
    details.append(summary, wrapper);
    return details;
  }

  /* ---------------------------------------------------------------- charts */
  function chartOption(spec) {
    if (spec.option) {
      return spec.option;
    }
    var fontFamily = cssVariable("--font-family", "Sarabun, sans-serif");
    var colours = [1, 2, 3, 4, 5, 6].map(function (index) {
      return cssVariable("--chart-" + index, "#174a7e");
    });
    var base = {
      aria: { enabled: true },
      color: colours,
      textStyle: { fontFamily: fontFamily, fontSize: 14 },
      title: spec.title ? { text: spec.title, left: "center", textStyle: { fontSize: 16 } } : undefined,
      tooltip: { trigger: spec.type === "funnel" ? "item" : "axis", confine: true },
      /* ECharts 6: grid.containLabel is deprecated; this keeps axis labels inside the box. */
      grid: {
        left: 8,
        right: 24,
        top: spec.title ? 48 : 16,
        bottom: 8,
        outerBoundsMode: "same",
        outerBoundsContain: "axisLabel",
      },
    };
    if (spec.type === "funnel") {
      /* The need funnel as stages of horizontal bars, to scale: a bar's length is its value
         against the largest (ECharts' own funnel maps 0–100 and slants the shapes, so widths did
         not follow the values); stage names beside the bars, the number at each bar's end. */
      var stageData = spec.data || [];
      var largest = Math.max.apply(null, [0].concat(stageData.map(function (item) {
        return Number(item.value) || 0;
      })));
      var stages = [1, 2, 3, 4, 5, 6].map(function (index) {
        return cssVariable("--funnel-" + index, "#174a7e");
      });
      var count = stageData.length;
      /* Keep the last stage (funded) green whatever the number of stages. */
      var stageColours = count > 0 && count < stages.length
        ? stages.slice(0, count - 1).concat([stages[stages.length - 1]])
        : stages;
      var narrowFunnel = window.innerWidth < 600;
      base.tooltip = { trigger: "item", confine: true };
      base.grid = {
        left: 8,
        right: narrowFunnel ? 56 : 72,
        top: spec.title ? 48 : 8,
        bottom: 8,
        outerBoundsMode: "same",
        outerBoundsContain: "axisLabel",
      };
      base.yAxis = {
        type: "category",
        inverse: true,
        data: stageData.map(function (item) { return item.name; }),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { interval: 0, lineHeight: 18, color: cssVariable("--color-text", "#1f2933"),
          formatter: function (value) { return wrapLabel(value, narrowFunnel ? 12 : 24); } },
      };
      base.xAxis = { type: "value", min: 0, max: largest > 0 ? largest : 1, show: false };
      base.series = [{
        type: "bar",
        barCategoryGap: "20%",
        data: stageData.map(function (item, index) {
          return { value: Number(item.value) || 0, name: item.name,
            itemStyle: { color: stageColours[index % stageColours.length] } };
        }),
        label: { show: true, position: "right", color: cssVariable("--color-text", "#1f2933"),
          formatter: function (item) { return formatNumber(item.value, 0); } },
      }];
      return base;
    }
    var categories = spec.categories || (spec.data || []).map(function (item) { return item.name; });
    var series = spec.series || [{ name: spec.title || "", data: (spec.data || []).map(function (item) { return item.value; }) }];
    var categoryAxis = {
      type: "category",
      data: categories,
      axisLabel: { interval: 0, lineHeight: 18, formatter: function (value) { return wrapLabel(value, 12); } },
    };
    var narrow = window.innerWidth < 600;
    var valueAxis = {
      type: "value",
      splitNumber: narrow ? 3 : 5,
      minInterval: spec.integer ? 1 : undefined, /* counts: no 0.5 ticks */
      axisLabel: { hideOverlap: true, formatter: function (value) { return formatNumber(value, 0); } },
    };
    base.xAxis = spec.horizontal ? valueAxis : categoryAxis;
    base.yAxis = spec.horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis;
    base.legend = series.length > 1 ? { bottom: 0 } : undefined;
    if (series.length > 1) {
      base.grid.bottom = 40;
    }
    base.series = series.map(function (item) {
      return { type: "bar", name: item.name, data: item.data, barMaxWidth: 36, stack: spec.stacked ? "total" : undefined };
    });
    return base;
  }

  function initChart(element) {
    if (element.dataset.planlinkReady || typeof window.echarts === "undefined") {
      return;
    }
    element.dataset.planlinkReady = "true";
    var inline = element.querySelector('script[type="application/json"]');
    var specPromise = inline
      ? Promise.resolve(JSON.parse(inline.textContent))
      : fetchJson(element.dataset.chartUrl);
    var fontsReady = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    Promise.all([specPromise, fontsReady])
      .then(function (results) {
        var canvas = element.querySelector(".chart__canvas") || element;
        var chart = window.echarts.init(canvas, null, { renderer: "svg" });
        chart.setOption(chartOption(results[0]));
        if (typeof ResizeObserver !== "undefined") {
          new ResizeObserver(function () { chart.resize(); }).observe(canvas);
        }
      })
      .catch(function (error) {
        console.error(error);
        showFailure(element, "โหลดแผนภูมิไม่สำเร็จ", "The chart could not be loaded.");
      });
  }

  /* ---------------------------------------------------------------- job progress */
  function initProgress(element) {
    if (element.dataset.planlinkReady || !element.dataset.jobUrl) {
      return;
    }
    element.dataset.planlinkReady = "true";
    var interval = Number(element.dataset.interval || 2000);
    var failures = 0;
    var bar = element.querySelector(".progress__bar");
    var track = element.querySelector("[role=progressbar]") || element.querySelector(".progress__track");
    var message = element.querySelector(".progress__message");
    var percentText = element.querySelector(".progress__percent");
    var resultLink = element.querySelector(".progress__result");

    function render(status) {
      var percent = Math.max(0, Math.min(100, Number(status.progress) || 0));
      var state = TERMINAL_STATES[status.state] || status.state || "running";
      if (state === "done") {
        percent = 100;
      }
      element.dataset.state = state;
      if (bar) {
        bar.style.width = percent + "%";
      }
      if (track) {
        track.setAttribute("aria-valuenow", String(Math.round(percent)));
      }
      if (percentText) {
        percentText.textContent = formatNumber(percent, 0) + "%";
      }
      if (message && status.message) {
        message.textContent = status.message;
      }
      if (state === "done" && status.result_url) {
        if (element.dataset.redirect === "true") {
          window.location.href = status.result_url;
        } else if (resultLink) {
          resultLink.href = status.result_url;
          resultLink.hidden = false;
        }
      }
      return state === "done" || state === "failed";
    }

    function poll() {
      fetchJson(element.dataset.jobUrl, "no-store")
        .then(function (status) {
          failures = 0;
          if (!render(status)) {
            window.setTimeout(poll, interval);
          }
        })
        .catch(function (error) {
          console.error(error);
          failures += 1;
          if (failures >= 5) {
            element.dataset.state = "failed";
            if (message) {
              message.textContent = translate("ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาโหลดหน้าใหม่", "Lost contact with the server; please reload the page.");
            }
            return;
          }
          window.setTimeout(poll, interval * Math.pow(2, failures));
        });
    }
    poll();
  }

  /* ---------------------------------------------------------------- htmx */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function configureHtmx() {
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = csrfToken();
      if (token) {
        event.detail.headers["X-CSRFToken"] = token;
      }
    });
    if (window.htmx) {
      window.htmx.config.includeIndicatorStyles = true;
      window.htmx.config.scrollIntoViewOnBoost = false;
    }
  }

  /* ---------------------------------------------------------------- start */
  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var each = function (selector, initialise) {
      if (scope.matches && scope.matches(selector)) {
        initialise(scope);
      }
      scope.querySelectorAll(selector).forEach(initialise);
    };
    each("[data-choropleth]", initChoropleth);
    each("[data-chart]", initChart);
    each("[data-job-url]", initProgress);
  }

  window.PlanLink = {
    init: init,
    initChoropleth: initChoropleth,
    initChart: initChart,
    initProgress: initProgress,
    formatNumber: formatNumber,
    wrapLabel: wrapLabel,
    classBreaks: classBreaks,
    classRanges: classRanges,
    csrfToken: csrfToken,
  };

  var started = false;
  function start() {
    if (started) {
      return;
    }
    started = true;
    configureHtmx();
    init(document);
    /* Content swapped in by htmx gets the same helpers. */
    document.body.addEventListener("htmx:load", function (event) {
      init(event.detail.elt);
    });
  }

  /* Scripts are loaded with defer, in order: wait for DOMContentLoaded so that Leaflet and
     ECharts, included after this file or before it, have both run. */
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }
})();
