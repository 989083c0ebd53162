package dev.promptbench.report.html;

/** The report's stylesheet: system fonts only, colours as custom properties with a dark variant. */
final class PageStyle {

    private PageStyle() {}

    static final String CSS = """
            :root {
              color-scheme: light dark;
              --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
              --plot: #ffffff; --lane-alt: #f3f5f8; --grid: #e4e8ec;
              --seq: #8250df; --par: #0969da; --bar: #0969da;
              --error: #d1242f; --filtered: #bf8700; --retry: #e16f24; --ttft: #111418;
              --inflight: #0969da; --limit: #cf222e; --marker: #1f2328;
            }
            @media (prefers-color-scheme: dark) {
              :root {
                --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #151b23;
                --plot: #0d1117; --lane-alt: #131a22; --grid: #222a33;
                --seq: #ab7df8; --par: #4493f8; --bar: #4493f8;
                --error: #f85149; --filtered: #d29922; --retry: #f0883e; --ttft: #f4f6f8;
                --inflight: #4493f8; --limit: #ff7b72; --marker: #e6edf3;
              }
            }
            * { box-sizing: border-box; }
            html { background: var(--bg); color: var(--fg); }
            body { margin: 0 auto; max-width: 1440px; padding: 24px 28px 40px;
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 22px; margin: 0 0 2px; font-weight: 650; }
            h1 .muted { font-weight: 400; }
            h2 { font-size: 17px; margin: 28px 0 6px; font-weight: 650; }
            h3 { font-size: 15px; margin: 18px 0 4px; font-weight: 600; }
            p { margin: 4px 0; }
            .muted, small, figcaption, .note { color: var(--muted); }
            .subtitle { color: var(--muted); margin-bottom: 12px; }
            code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
            .meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 6px 24px;
              margin: 8px 0 0; padding: 12px 16px; background: var(--panel); border: 1px solid var(--line);
              border-radius: 8px; }
            .meta div { min-width: 0; }
            .meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
            .meta dd { margin: 0; overflow-wrap: anywhere; }
            table.comparison { border-collapse: collapse; margin: 10px 0 6px; font-variant-numeric: tabular-nums; }
            table.comparison th, table.comparison td { padding: 5px 10px; border-bottom: 1px solid var(--line);
              text-align: right; white-space: nowrap; }
            table.comparison thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
            table.comparison tbody th { text-align: left; font-weight: 600; }
            table.comparison td.bad { color: var(--error); font-weight: 600; }
            .headline { font-size: 15px; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 7px;
              background: var(--bar); vertical-align: baseline; }
            .mode-sequential { --bar: var(--seq); --inflight: var(--seq); }
            .mode-parallel { --bar: var(--par); --inflight: var(--par); }
            .mode-batch { --bar: var(--par); }
            .chart.batch .axis { stroke: var(--line); }
            .seg.validating { fill: var(--muted); opacity: .55; }
            .seg.in_progress { fill: var(--par); }
            .seg.finalizing { fill: var(--seq); }
            .end.completed { fill: var(--fg); }
            .end.failed, .end.expired { fill: var(--error); }
            .end.cancelled, .end.cancelling { fill: var(--filtered); }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0 0; padding: 0; list-style: none;
              color: var(--muted); font-size: 13px; }
            .legend li { display: flex; align-items: center; gap: 6px; }
            .legend svg { width: 26px; height: 12px; }
            section.mode { margin-top: 6px; padding-top: 4px; border-top: 1px solid var(--line); }
            section.mode h3 .counts { font-weight: 400; color: var(--muted); }
            figure { margin: 4px 0 10px; }
            figcaption { font-size: 12.5px; margin-top: 2px; }
            .chart { display: block; width: 100%; height: auto; }
            canvas.chart { background: var(--plot); }
            .chart text { font-size: 11px; fill: var(--muted); }
            .chart .x-label { text-anchor: middle; }
            .chart .y-label { text-anchor: end; dominant-baseline: middle; }
            .chart .axis-title { text-anchor: middle; font-size: 11px; }
            .chart .plot { fill: var(--plot); stroke: var(--line); }
            .chart .lane-alt { fill: var(--lane-alt); }
            .chart .grid line { stroke: var(--grid); stroke-width: 1; }
            .bar, .key { fill: var(--bar); }
            .bar.error, .key.error { fill: var(--error); }
            .bar.filtered, .key.filtered { fill: var(--filtered); }
            .bar:hover { stroke: var(--fg); stroke-width: 1.5; }
            .retry { fill: url(#pb-hatch); pointer-events: none; }
            .ttft { fill: var(--ttft); pointer-events: none; }
            .hatch-bg { fill: var(--retry); opacity: .35; }
            .hatch-line { stroke: var(--retry); stroke-width: 2.2; }
            .chart .inflight-area { fill: var(--inflight); opacity: .18; }
            .chart .inflight-line { fill: none; stroke: var(--inflight); stroke-width: 1.5; }
            .chart .limit { stroke: var(--limit); stroke-dasharray: 5 4; stroke-width: 1.2; }
            .chart .limit-label { fill: var(--limit); text-anchor: end; }
            .chart .limit-step { fill: none; stroke: var(--limit); stroke-width: 1.6; }
            .chart .limit-point { fill: var(--limit); }
            .chart .limit-point:hover { stroke: var(--fg); stroke-width: 1.5; }
            .chart .hbin { fill: var(--bar); }
            .chart .hbin.tail { opacity: .55; }
            .chart .hbin:hover { opacity: .75; }
            .chart .marker { stroke: var(--marker); stroke-dasharray: 3 3; stroke-width: 1; }
            .chart .marker-label { fill: var(--fg); font-size: 11px; }
            .chart .marker-label.flip { text-anchor: end; }
            .histograms { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 12px 28px; }
            .histograms h3 { margin-top: 6px; }
            .tip { position: fixed; z-index: 10; pointer-events: none; max-width: 420px; padding: 6px 9px;
              background: var(--panel); color: var(--fg); border: 1px solid var(--line); border-radius: 6px;
              box-shadow: 0 4px 14px rgba(0, 0, 0, .18); font-size: 12.5px; white-space: pre-line; }
            .tip[hidden] { display: none; }
            .sweep-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px 28px;
              max-width: 1340px; }
            .chart.sweep .sweep-line { fill: none; stroke: var(--par); stroke-width: 2; }
            .chart.sweep .point { fill: var(--par); stroke: var(--plot); stroke-width: 1.5; }
            .chart.sweep .point.at-knee { fill: var(--limit); }
            .chart.sweep .point:hover { stroke: var(--fg); }
            .chart.sweep .whisker { stroke: var(--par); stroke-width: 1.5; opacity: .6; }
            .chart.sweep .knee { stroke: var(--limit); stroke-dasharray: 5 4; stroke-width: 1.2; }
            .chart.sweep .knee-label { fill: var(--limit); }
            table.steps tr.knee th, table.steps tr.knee td { background: var(--panel); font-weight: 650; }
            table.steps tr.knee td:last-child { color: var(--limit); }
            footer { margin-top: 30px; color: var(--muted); font-size: 12.5px; }
            .defs { position: absolute; width: 0; height: 0; overflow: hidden; }
            """;
}
