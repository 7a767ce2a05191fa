// The lecture page as a place to explore: the transcript follows the voice word by word (a
// click seeks there, as does #t=SECONDS), the trained network runs forward on any point, layer
// by layer, and a slider walks the training snapshots. Every number comes from the lecture's
// own data, embedded in the page by nnlecture (script#nnlecture-data); nothing is fetched.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("nnlecture-data").textContent);
  const video = document.getElementById("lecture");
  const svgNS = "http://www.w3.org/2000/svg";

  // --- the network, as nnmath computes it: z = a·W + b, the hidden activation, a sigmoid out --
  const net = data.network;
  const activations = {
    sigmoid: (z) => 1 / (1 + Math.exp(-z)),
    tanh: (z) => Math.tanh(z),
    relu: (z) => Math.max(z, 0),
    leaky_relu: (z) => (z > 0 ? z : net.leaky_slope * z),
    linear: (z) => z,
  };

  function trace(params, x) {
    const zs = [], as = [Array.from(x, Number)];
    params.forEach((layer, index) => {
      const g = index === params.length - 1 ? activations.sigmoid : activations[net.activation];
      const previous = as[as.length - 1];
      const z = layer.b[0].map((bias, j) => {
        let sum = 0;
        for (let i = 0; i < previous.length; i++) sum += previous[i] * layer.W[i][j];
        return sum + bias;
      });
      zs.push(z);
      as.push(z.map(g));
    });
    return { zs, activations: as };
  }

  function grid(params) {
    const [xMin, xMax, yMin, yMax] = data.bounds, n = data.grid_resolution;
    const axis = (low, high) => Array.from({ length: n }, (_, k) =>
      (k === n - 1 ? high : low + k * ((high - low) / (n - 1))));
    const xs = axis(xMin, xMax), ys = axis(yMin, yMax);
    const values = ys.map((y) => xs.map((x) => trace(params, [x, y]).activations.at(-1)[0]));
    return { xs, ys, values };
  }

  // --- the transcript: highlight the word being said, seek on a click --------------------------
  const words = [...document.querySelectorAll("#transcript [data-t].w")];
  const starts = words.map((word) => Number(word.dataset.t));
  let spoken = null;

  function seek(seconds) {
    if (!Number.isFinite(seconds)) return;
    const go = () => { video.currentTime = Math.max(0, seconds); highlight(); };
    if (video.readyState >= 1) go(); else video.addEventListener("loadedmetadata", go, { once: true });
  }

  function highlight() {
    let low = 0, high = starts.length - 1, found = -1;
    const now = video.currentTime + 0.02;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] <= now) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    const word = found >= 0 ? words[found] : null;
    if (word === spoken) return;
    if (spoken) { spoken.classList.remove("spoken"); spoken.removeAttribute("aria-current"); }
    spoken = word;
    if (!word) return;
    word.classList.add("spoken");
    word.setAttribute("aria-current", "true");
    const box = word.closest(".scroll");   // keep the word in view inside the transcript only
    if (box) {
      const top = word.offsetTop - box.offsetTop;
      if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - word.offsetHeight)
        box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function follow() { highlight(); if (!video.paused) requestAnimationFrame(follow); }
  video.addEventListener("play", () => requestAnimationFrame(follow));
  video.addEventListener("seeked", highlight);
  video.addEventListener("timeupdate", highlight);
  const transcript = document.getElementById("transcript");
  if (transcript) {
    transcript.addEventListener("click", (event) => {
      const target = event.target.closest("[data-t]");
      if (target) seek(Number(target.dataset.t));
    });
    transcript.addEventListener("keydown", (event) => {
      const line = event.target.closest(".line");
      if (line && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        seek(Number(line.dataset.t));
      }
    });
  }
  function fromAddress() {
    const match = /(?:^|[#&])t=([0-9.]+)/.exec(location.hash);
    if (match) seek(Number(match[1]));
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
  for (const link of document.querySelectorAll("#chapters a[data-start]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seek(Number(link.dataset.start));
      video.play().catch(() => {});
    });
  }
  video.addEventListener("timeupdate", () => {
    let current = null;
    for (const link of document.querySelectorAll("#chapters a[data-start]"))
      if (Number(link.dataset.start) <= video.currentTime + 0.05) current = link;
    for (const link of document.querySelectorAll("#chapters a[data-start]"))
      link.classList.toggle("current", link === current);
  });
  for (const track of video.textTracks) if (track.kind === "captions") track.mode = "showing";

  // --- drawing ----------------------------------------------------------------------------------
  const css = (name) => getComputedStyle(document.body).getPropertyValue(name).trim();
  const format = (value, decimals = 2) => (Math.abs(value) < 0.5 * 10 ** -decimals ? 0 : value)
    .toFixed(decimals).replace("-", "\u2212");

  function plot(canvas, params, point) {
    const context = canvas.getContext("2d"), size = canvas.width;
    const sampled = grid(params), values = sampled.values, n = values.length, cell = size / n;
    const [xMin, xMax, yMin, yMax] = data.bounds;
    const px = (x) => ((x - xMin) / (xMax - xMin)) * size;
    const py = (y) => size - ((y - yMin) / (yMax - yMin)) * size;
    context.fillStyle = css("--bg");
    context.fillRect(0, 0, size, size);
    const edge = (k) => Math.round(k * cell);   // whole pixels: no seams between cells
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        const p = values[row][col];
        context.globalAlpha = 0.35 * Math.abs(p - 0.5) * 2;
        context.fillStyle = p >= 0.5 ? css("--positive") : css("--negative");
        context.fillRect(edge(col), size - edge(row + 1), edge(col + 1) - edge(col),
                         edge(row + 1) - edge(row));
      }
    }
    context.globalAlpha = 1;
    context.strokeStyle = css("--text");
    context.lineWidth = 2;
    context.beginPath();   // the 0.5 level by marching squares between the grid's points
    const span = size / (n - 1), at = (col, row) => [col * span, size - row * span];
    const cross = (a, b, pa, pb) => { const t = (0.5 - pa) / (pb - pa); return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]; };
    for (let row = 0; row + 1 < n; row++) {
      for (let col = 0; col + 1 < n; col++) {
        const corners = [[col, row], [col + 1, row], [col + 1, row + 1], [col, row + 1]];
        const p = corners.map(([c, r]) => values[r][c]);
        const points = [];
        for (let k = 0; k < 4; k++) {
          const next = (k + 1) % 4;
          if ((p[k] >= 0.5) !== (p[next] >= 0.5))
            points.push(cross(at(...corners[k]), at(...corners[next]), p[k], p[next]));
        }
        for (let k = 0; k + 1 < points.length; k += 2) {
          context.moveTo(...points[k]);
          context.lineTo(...points[k + 1]);
        }
      }
    }
    context.stroke();
    const dots = (X, y, hollow) => X.forEach(([a, b], k) => {
      context.beginPath();
      context.arc(px(a), py(b), 3.2, 0, 2 * Math.PI);
      context.strokeStyle = context.fillStyle = y[k] ? css("--positive") : css("--negative");
      if (hollow) context.stroke(); else context.fill();
    });
    dots(data.dataset.X_train, data.dataset.y_train, false);
    dots(data.dataset.X_test, data.dataset.y_test, true);
    if (point) {
      context.beginPath();
      context.arc(px(point[0]), py(point[1]), 7, 0, 2 * Math.PI);
      context.strokeStyle = css("--highlight");
      context.lineWidth = 3;
      context.stroke();
    }
    return { grid: sampled, fromPixel: (x, y) => [xMin + (x / size) * (xMax - xMin), yMin + ((size - y) / size) * (yMax - yMin)] };
  }

  // --- the forward-pass stepper -------------------------------------------------------------------
  const diagram = document.getElementById("network");
  const stepper = { point: data.example.slice(), shown: 0, result: null };

  function drawNetwork() {
    const sizes = net.layer_sizes, width = 560, height = 300;
    diagram.setAttribute("viewBox", `0 0 ${width} ${height}`);
    diagram.replaceChildren();
    const x = (layer) => 40 + (layer * (width - 80)) / (sizes.length - 1);
    const y = (layer, i) => height / 2 + (i - (sizes[layer] - 1) / 2) * Math.min(56, (height - 40) / sizes[layer]);
    const largest = Math.max(...net.params.flatMap((layer) => layer.W.flat().map(Math.abs)), 1e-12);
    const hues = (layer) => (layer === 0 ? "--input" : layer === sizes.length - 1 ? "--output" : "--hidden");
    net.params.forEach((layer, l) => layer.W.forEach((row, i) => row.forEach((w, j) => {
      const edge = document.createElementNS(svgNS, "line");
      Object.entries({ x1: x(l), y1: y(l, i), x2: x(l + 1), y2: y(l + 1, j) })
        .forEach(([key, value]) => edge.setAttribute(key, value));
      edge.setAttribute("stroke", css(w >= 0 ? "--positive" : "--negative"));
      edge.setAttribute("stroke-width", (0.6 + 4 * Math.pow(Math.abs(w) / largest, 0.6)).toFixed(2));
      edge.setAttribute("stroke-opacity", l < stepper.shown ? "0.95" : "0.35");
      diagram.append(edge);
    })));
    const radius = Math.min(16, (height - 40) / (2.4 * Math.max(...sizes)));
    sizes.forEach((size, l) => {
      for (let i = 0; i < size; i++) {
        const value = stepper.result && l <= stepper.shown ? stepper.result.activations[l][i] : null;
        const neuron = document.createElementNS(svgNS, "circle");
        neuron.setAttribute("cx", x(l)); neuron.setAttribute("cy", y(l, i)); neuron.setAttribute("r", radius);
        neuron.setAttribute("stroke", css(hues(l))); neuron.setAttribute("stroke-width", "2.5");
        neuron.setAttribute("fill", css(hues(l)));
        neuron.setAttribute("fill-opacity", value === null ? "0.05" : (0.1 + 0.8 * Math.min(1, Math.abs(value))).toFixed(2));
        diagram.append(neuron);
        if (value !== null && size <= 8) {   // a beside each neuron, where there is room
          const label = document.createElementNS(svgNS, "text");
          label.setAttribute("x", x(l) + (l === sizes.length - 1 ? -radius - 4 : radius + 4));
          label.setAttribute("y", y(l, i) - radius - 2);
          label.setAttribute("text-anchor", l === sizes.length - 1 ? "end" : "start");
          label.setAttribute("fill", css("--text"));
          label.setAttribute("font-size", "13");
          label.textContent = format(value);
          diagram.append(label);
        }
      }
    });
  }

  function showLayers() {
    const table = document.getElementById("layer-values");
    const rows = [];
    const { zs, activations: as } = stepper.result;
    for (let l = 0; l <= stepper.shown; l++) {
      const name = l === 0 ? "inputs" : l === net.layer_sizes.length - 1 ? "output" : `hidden layer ${l}`;
      const z = l === 0 ? "" : zs[l - 1].map((v) => format(v)).join(", ");
      rows.push(`<tr><th scope="row">${name}</th><td>${z}</td><td>${as[l].map((v) => format(v)).join(", ")}</td></tr>`);
    }
    table.innerHTML = rows.join("");
    const last = stepper.shown === net.layer_sizes.length - 1;
    document.getElementById("step").disabled = last;
    document.getElementById("prediction").textContent = last
      ? `P(class 1) = ${format(as.at(-1)[0])}: class ${as.at(-1)[0] >= 0.5 ? 1 : 0}` : "";
    drawNetwork();
  }

  function pick(point) {
    stepper.point = point;
    stepper.result = trace(net.params, point);
    stepper.shown = 0;
    document.getElementById("x1").value = point[0].toFixed(2);
    document.getElementById("x2").value = point[1].toFixed(2);
    plot(explorePlot, net.params, point);
    showLayers();
  }

  const explorePlot = document.getElementById("explore-plot");
  if (diagram && explorePlot) {
    explorePlot.addEventListener("click", (event) => {
      const box = explorePlot.getBoundingClientRect();
      const scale = explorePlot.width / box.width;
      pick(plot(explorePlot, net.params).fromPixel((event.clientX - box.left) * scale,
                                                   (event.clientY - box.top) * scale));
    });
    document.getElementById("point").addEventListener("submit", (event) => {
      event.preventDefault();
      const point = ["x1", "x2"].map((id) => Number(document.getElementById(id).value));
      if (point.every(Number.isFinite)) pick(point);
    });
    document.getElementById("step").addEventListener("click", () => {
      stepper.shown = Math.min(stepper.shown + 1, net.layer_sizes.length - 1);
      showLayers();
    });
    pick(stepper.point);
  }

  // --- the training scrubber ------------------------------------------------------------------------
  const slider = document.getElementById("epoch");
  const scrubPlot = document.getElementById("scrub-plot");
  let scrubbed = null;   // the boundary the scrubber shows: P(class 1) on the lecture's grid
  function scrub() {
    const snapshot = data.snapshots[Number(slider.value)];
    document.getElementById("epoch-value").textContent = `epoch ${snapshot.epoch}`;
    document.getElementById("train-loss").textContent = format(snapshot.loss, 4);
    document.getElementById("test-loss").textContent = format(snapshot.test_loss, 4);
    document.getElementById("train-accuracy").textContent = `${(100 * snapshot.accuracy).toFixed(1)} %`;
    document.getElementById("test-accuracy").textContent = `${(100 * snapshot.test_accuracy).toFixed(1)} %`;
    slider.setAttribute("aria-valuetext", `epoch ${snapshot.epoch}`);
    scrubbed = plot(scrubPlot, snapshot.params).grid;
  }
  if (slider && scrubPlot) { slider.addEventListener("input", scrub); scrub(); }

  // --- themes ---------------------------------------------------------------------------------------
  const toggle = document.getElementById("theme");
  if (toggle) {
    toggle.addEventListener("click", () => {
      const light = document.body.dataset.theme !== "light";
      document.body.dataset.theme = light ? "light" : "dark";
      toggle.setAttribute("aria-pressed", String(light));
      if (diagram && explorePlot) { plot(explorePlot, net.params, stepper.point); drawNetwork(); }
      if (slider && scrubPlot) scrub();
    });
  }

  window.nnlecture = {
    data,
    seek,
    forward: (x) => trace(net.params, x).activations,
    trace: (x) => trace(net.params, x),
    boundary: (index) => grid(data.snapshots[index].params),
    shownBoundary: () => scrubbed,
  };
})();
