package dev.promptbench.report.html;

/**
 * The report's script: draws the canvas timelines from the embedded columns, shows a tooltip on
 * hover, redraws on resize or a colour-scheme change, and marks the page {@code data-drawn="yes"}
 * once every chart has painted (what the browser check looks for). It never builds markup from data:
 * text goes in through {@code textContent}. It must contain neither a closing tag nor a CDATA end.
 */
final class PageScript {

    private PageScript() {}

    static final String JS = """
            (function () {
              'use strict';
              var root = document.documentElement;
              var data = window.PB_DATA || {};
              var NL = String.fromCharCode(10);
              var tip = document.getElementById('pb-tip');

              function css(el, name, fallback) {
                var v = getComputedStyle(el).getPropertyValue(name).trim();
                return v || fallback;
              }

              function duration(ms) {
                if (ms < 1) return ms.toFixed(2) + ' ms';
                if (ms < 1000) return Math.round(ms) + ' ms';
                if (ms < 120000) return (ms / 1000).toFixed(2) + ' s';
                var s = Math.round(ms / 1000), r = s % 60;
                return Math.floor(s / 60) + 'm ' + (r < 10 ? '0' : '') + r + 's';
              }

              function decode(c) {
                if (c.rows) return c.rows;
                var n = c.n, start = new Float64Array(n), end = new Float64Array(n), acc = 0, i;
                for (i = 0; i < n; i++) {
                  acc += c.s[i];
                  start[i] = acc * c.q;
                  end[i] = (acc + c.d[i]) * c.q;
                }
                var lanes = c.lanes, offsets = new Int32Array(lanes + 1), fill, byLane = new Int32Array(n), lane;
                for (i = 0; i < n; i++) offsets[Math.min(lanes - 1, Math.max(0, c.l[i])) + 1]++;
                for (i = 0; i < lanes; i++) offsets[i + 1] += offsets[i];
                fill = offsets.slice(0, lanes);
                for (i = 0; i < n; i++) {
                  lane = Math.min(lanes - 1, Math.max(0, c.l[i]));
                  byLane[fill[lane]++] = i;
                }
                for (lane = 0; lane < lanes; lane++) {
                  byLane.subarray(offsets[lane], offsets[lane + 1]).sort(function (a, b) { return start[a] - start[b]; });
                }
                var runs = c.ids.runs, runStart = new Int32Array(runs.length + 1);
                for (i = 0; i < runs.length; i++) runStart[i + 1] = runStart[i] + (typeof runs[i] === 'string' ? 1 : runs[i][2]);
                c.rows = { start: start, end: end, offsets: offsets, byLane: byLane, runStart: runStart };
                return c.rows;
              }

              function idOf(c, i) {
                var rows = decode(c), lo = 0, hi = c.ids.runs.length - 1, mid, run;
                while (lo < hi) {
                  mid = (lo + hi + 1) >> 1;
                  if (rows.runStart[mid] <= i) lo = mid; else hi = mid - 1;
                }
                run = c.ids.runs[lo];
                if (typeof run === 'string') return run;
                return c.ids.prefixes[run[0]] + (run[1] >= 0 ? String(run[1] + (i - rows.runStart[lo])) : '');
              }

              function prepare(canvas, c) {
                var width = canvas.clientWidth || c.width, scale = width / c.width, dpr = window.devicePixelRatio || 1;
                canvas.width = Math.max(1, Math.round(c.width * scale * dpr));
                canvas.height = Math.max(1, Math.round(c.height * scale * dpr));
                var ctx = canvas.getContext('2d');
                ctx.setTransform(scale * dpr, 0, 0, scale * dpr, 0, 0);
                ctx.clearRect(0, 0, c.width, c.height);
                var bottom = c.top + c.lanes * c.laneH, i;
                ctx.fillStyle = css(canvas, '--plot', '#fff');
                ctx.fillRect(0, 0, c.width, c.height);
                ctx.strokeStyle = css(canvas, '--line', '#ccc');
                ctx.lineWidth = 1;
                ctx.strokeRect(c.left + 0.5, c.top + 0.5, c.plotWidth, bottom - c.top);
                if (c.laneH >= 3) {
                  ctx.fillStyle = css(canvas, '--lane-alt', '#f4f4f4');
                  for (i = 1; i < c.lanes; i += 2) ctx.fillRect(c.left, c.top + i * c.laneH, c.plotWidth, c.laneH);
                }
                ctx.strokeStyle = css(canvas, '--grid', '#e5e5e5');
                ctx.fillStyle = css(canvas, '--muted', '#666');
                ctx.font = '11px system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
                ctx.textAlign = 'center';
                ctx.textBaseline = 'alphabetic';
                ctx.beginPath();
                for (i = 0; i < c.ticks.length; i++) {
                  ctx.moveTo(c.ticks[i][0], c.top);
                  ctx.lineTo(c.ticks[i][0], bottom + 4);
                  ctx.fillText(c.ticks[i][1], c.ticks[i][0], bottom + 17);
                }
                ctx.stroke();
                ctx.textAlign = 'right';
                ctx.textBaseline = 'middle';
                for (i = 0; i < c.laneLabels.length; i++) ctx.fillText(c.laneLabels[i][1], c.left - 8, c.laneLabels[i][0]);
                return ctx;
              }

              function hatch(ctx, colour) {
                var tile = document.createElement('canvas');
                tile.width = 6; tile.height = 6;
                var t = tile.getContext('2d');
                t.globalAlpha = 0.35; t.fillStyle = colour; t.fillRect(0, 0, 6, 6);
                t.globalAlpha = 1; t.strokeStyle = colour; t.lineWidth = 1.6;
                t.beginPath(); t.moveTo(-1, 7); t.lineTo(7, -1); t.moveTo(5, 7); t.lineTo(7, 5); t.moveTo(-1, 1); t.lineTo(1, -1);
                t.stroke();
                return ctx.createPattern(tile, 'repeat');
              }

              function drawBars(canvas, c) {
                var rows = decode(c), ctx = prepare(canvas, c), px = c.plotWidth / c.tMax, i, pass, x, w, y;
                var colours = [css(canvas, '--bar', '#0969da'), css(canvas, '--filtered', '#bf8700'), css(canvas, '--error', '#d1242f')];
                var gap = (c.laneH - c.barH) / 2, drawn = 0;
                for (pass = 0; pass < 3; pass++) {
                  ctx.fillStyle = colours[pass];
                  for (i = 0; i < c.n; i++) {
                    if (Math.min(2, c.k[i]) !== pass) continue;
                    x = c.left + rows.start[i] * px;
                    w = (rows.end[i] - rows.start[i]) * px;
                    w = Math.max(pass === 2 ? 2 : 0.8, w > 3 ? w - 0.7 : w);
                    y = c.top + c.l[i] * c.laneH + gap;
                    ctx.fillRect(x, y, w, c.barH);
                    drawn++;
                  }
                }
                ctx.fillStyle = hatch(ctx, css(canvas, '--retry', '#e16f24'));
                for (i = 0; i < c.n; i++) {
                  if (c.r[i] <= 0) continue;
                  ctx.fillRect(c.left + rows.start[i] * px, c.top + c.l[i] * c.laneH + gap, Math.max(0.8, c.r[i] * c.q * px), c.barH);
                }
                if (c.t) {
                  ctx.fillStyle = css(canvas, '--ttft', '#111');
                  for (i = 0; i < c.n; i++) {
                    if (c.t[i] < 0) continue;
                    ctx.fillRect(c.left + (rows.start[i] + c.t[i] * c.q) * px - 0.6, c.top + c.l[i] * c.laneH + gap, 1.2, c.barH);
                  }
                }
                return drawn;
              }

              function drawDensity(canvas, c) {
                var ctx = prepare(canvas, c), px = c.plotWidth / c.tMax, lane, bin, level, cells, binW = c.binMs * px;
                var gap = (c.laneH - c.barH) / 2, bottom = c.top + c.lanes * c.laneH, drawn = 0;
                ctx.fillStyle = css(canvas, '--bar', '#0969da');
                for (lane = 0; lane < c.cells.length; lane++) {
                  cells = c.cells[lane];
                  for (bin = 0; bin < cells.length; bin++) {
                    level = parseInt(cells.charAt(bin), 36) / 35;
                    if (!(level > 0)) continue;
                    ctx.globalAlpha = 0.12 + 0.88 * level;
                    ctx.fillRect(c.left + bin * binW, c.top + lane * c.laneH + gap, binW + 0.3, c.barH);
                    drawn++;
                  }
                }
                ctx.globalAlpha = 1;
                ctx.fillStyle = css(canvas, '--error', '#d1242f');
                for (bin = 0; bin < c.errors.length; bin++) {
                  if (c.errors[bin] > 0) ctx.fillRect(c.left + bin * binW, bottom + 1, Math.max(1.5, binW), 4);
                }
                return drawn;
              }

              function painted(canvas, c) {
                var ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height, pixels, probe, i, hits = 0;
                probe = document.createElement('canvas').getContext('2d');
                probe.fillStyle = css(canvas, '--bar', '#0969da');
                probe.fillRect(0, 0, 1, 1);
                var want = probe.getImageData(0, 0, 1, 1).data;
                probe.fillStyle = css(canvas, '--error', '#d1242f');
                probe.fillRect(0, 0, 1, 1);
                var bad = probe.getImageData(0, 0, 1, 1).data;
                pixels = ctx.getImageData(0, 0, w, h).data;
                for (i = 0; i < pixels.length; i += 4) {
                  if (near(pixels, i, want) || near(pixels, i, bad)) hits++;
                  if (hits > 3) return true;
                }
                return c.form === 'density' && hits > 0;
              }

              function near(p, i, c) {
                return Math.abs(p[i] - c[0]) + Math.abs(p[i + 1] - c[1]) + Math.abs(p[i + 2] - c[2]) < 24;
              }

              function drawAll() {
                var canvases = document.querySelectorAll('canvas[data-chart]'), ok = 0, total = 0, i, c;
                for (i = 0; i < canvases.length; i++) {
                  c = data[canvases[i].getAttribute('data-chart')];
                  if (!c) continue;
                  total++;
                  var drawn = c.form === 'density' ? drawDensity(canvases[i], c) : drawBars(canvases[i], c);
                  if (drawn > 0 && painted(canvases[i], c)) ok++;
                }
                var svgs = document.querySelectorAll('svg.chart'), shown = 0;
                for (i = 0; i < svgs.length; i++) {
                  if (svgs[i].getBoundingClientRect().width > 0 && svgs[i].querySelector('rect, path')) shown++;
                }
                root.setAttribute('data-charts', 'canvas ' + ok + '/' + total + ', svg ' + shown + '/' + svgs.length);
                root.setAttribute('data-drawn', ok === total && shown === svgs.length ? 'yes' : 'partial');
              }

              function hover(e) {
                var canvas = e.currentTarget, c = data[canvas.getAttribute('data-chart')];
                if (!c) return;
                var box = canvas.getBoundingClientRect();
                var x = (e.clientX - box.left) / box.width * c.width, y = (e.clientY - box.top) / box.height * c.height;
                var lane = Math.floor((y - c.top) / c.laneH), t = (x - c.left) / c.plotWidth * c.tMax;
                var text = null;
                if (lane >= 0 && lane < c.lanes && t >= 0 && t <= c.tMax) {
                  text = c.form === 'density' ? densityText(c, lane, t) : barText(c, lane, t, 3 / (c.plotWidth / c.tMax));
                }
                if (!text) { tip.hidden = true; return; }
                tip.textContent = text;
                tip.hidden = false;
                var left = e.clientX + 14, top = e.clientY + 14;
                if (left + tip.offsetWidth > window.innerWidth - 8) left = e.clientX - tip.offsetWidth - 10;
                if (top + tip.offsetHeight > window.innerHeight - 8) top = e.clientY - tip.offsetHeight - 10;
                tip.style.left = left + 'px';
                tip.style.top = top + 'px';
              }

              function barText(c, lane, t, slack) {
                var rows = decode(c), from = rows.offsets[lane], to = rows.offsets[lane + 1], lo = from, hi = to - 1, mid, j, i = -1, best = Infinity, gapTo;
                while (lo < hi) {
                  mid = (lo + hi + 1) >> 1;
                  if (rows.start[rows.byLane[mid]] <= t) lo = mid; else hi = mid - 1;
                }
                for (j = Math.max(from, lo - 2); j < Math.min(to, lo + 3); j++) {
                  var r = rows.byLane[j];
                  gapTo = t < rows.start[r] ? rows.start[r] - t : t > rows.end[r] ? t - rows.end[r] : 0;
                  if (gapTo <= slack && gapTo < best) { best = gapTo; i = r; }
                }
                if (i < 0) return null;
                var busy = rows.end[i] - rows.start[i], latency = (c.d[i] - c.r[i] + c.y[i]) * c.q;
                var lines = [idOf(c, i) + ' — ' + c.kinds[c.k[i]]];
                var line = 'latency ' + duration(latency);
                if (Math.abs(busy - latency) >= 1) line += ' · worker busy ' + duration(busy);
                if (c.t && c.t[i] >= 0) line += ' · TTFT ≈ ' + duration(c.t[i] * c.q - (c.r[i] > 0 ? c.r[i] * c.q : Math.max(0, busy - latency)));
                lines.push(line);
                if (c.tok[i] >= 0) lines.push('tokens ' + c.tok[i] + ' out');
                lines.push('worker ' + c.l[i] + ' · ' + duration(rows.start[i]) + ' → ' + duration(rows.end[i]));
                if (c.a && c.a[i] > 1) lines.push(c.a[i] + ' attempts (hatched: earlier attempts and back-off)');
                return lines.join(NL);
              }

              function densityText(c, lane, t) {
                var bin = Math.floor(t / c.binMs), cells = c.cells[lane] || '', level = bin < cells.length ? parseInt(cells.charAt(bin), 36) / 35 : 0;
                var lines = ['worker ' + lane + ' · ' + duration(bin * c.binMs) + ' → ' + duration((bin + 1) * c.binMs),
                  'busy ' + Math.round(level * 100) + '% of the bin'];
                if (c.errors[bin] > 0) lines.push(c.errors[bin] + ' errors ended in this bin (all workers)');
                return lines.join(NL);
              }

              var canvases = document.querySelectorAll('canvas[data-chart]');
              for (var i = 0; i < canvases.length; i++) {
                canvases[i].addEventListener('mousemove', hover);
                canvases[i].addEventListener('mouseleave', function () { tip.hidden = true; });
              }
              var pending = 0;
              window.addEventListener('resize', function () {
                clearTimeout(pending);
                pending = setTimeout(drawAll, 120);
              });
              if (window.matchMedia) {
                var scheme = window.matchMedia('(prefers-color-scheme: dark)');
                if (scheme.addEventListener) scheme.addEventListener('change', drawAll);
              }
              drawAll();
            })();
            """;
}
