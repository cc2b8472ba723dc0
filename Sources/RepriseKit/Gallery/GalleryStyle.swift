/// The gallery's one stylesheet, inlined in every page: system fonts only, a responsive grid,
/// light and dark colours (`prefers-color-scheme`) with text contrast of at least 4.5:1, and a
/// visible focus ring.
package enum GalleryStyle {
  /// The CSS text.
  package static let css = """
    :root{color-scheme:light dark;--bg:#f4f5f7;--fg:#16181d;--muted:#4a5160;--panel:#fff;--line:#d3d8e0;\
    --accent:#1d4fa8;--focus:#1d4fa8;--ok-bg:#dff2e5;--ok-fg:#0b5124;--bad-bg:#fbe3e3;--bad-fg:#8a1616;\
    --wait-bg:#fdf0d3;--wait-fg:#5f3d00;--none-bg:#e8eaee;--none-fg:#3a404c;--chg-bg:#e7e2fb;--chg-fg:#37258c;\
    --ins-bg:#cdeed7;--del-bg:#f7d4d4;--shadow:0 1px 2px rgba(0,0,0,.06),0 2px 8px rgba(0,0,0,.05)}
    @media (prefers-color-scheme:dark){:root{--bg:#101216;--fg:#e8eaee;--muted:#b2b9c5;--panel:#1a1d23;--line:#353b47;\
    --accent:#93b8ff;--focus:#93b8ff;--ok-bg:#143220;--ok-fg:#95e2ae;--bad-bg:#3c191b;--bad-fg:#ffb8b8;\
    --wait-bg:#382c10;--wait-fg:#ffd98f;--none-bg:#2a2f38;--none-fg:#cfd5de;--chg-bg:#2a2350;--chg-fg:#d2c8ff;\
    --ins-bg:#1b4a2b;--del-bg:#5c2327;--shadow:none}}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    .wrap{max-width:1240px;margin:0 auto;padding:16px}
    a{color:var(--accent)}
    :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;left:-9999px;top:0}
    .skip:focus{left:16px;top:8px;z-index:2;background:var(--panel);padding:8px 12px;border-radius:6px}
    h1,h2,h3{line-height:1.25;margin:0}
    h1{font-size:1.6rem;overflow-wrap:anywhere}
    h2{font-size:1.05rem;margin-bottom:8px}
    h3{font-size:1rem}
    code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em;overflow-wrap:anywhere}
    .eyebrow{margin:0 0 2px;color:var(--muted);font-size:.8rem;letter-spacing:.06em;text-transform:uppercase}
    .summary{margin:6px 0 0;font-size:1.05rem}
    .ids{margin:4px 0 0;color:var(--muted);font-size:.85rem}
    .panels{display:grid;gap:12px;margin:16px 0;grid-template-columns:repeat(auto-fit,minmax(min(100%,300px),1fr))}
    .stack{display:flex;flex-direction:column;gap:12px;min-width:0}
    .stack>.grow{flex:1}
    .panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px;box-shadow:var(--shadow);min-width:0}
    .prompt{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
    dl{margin:0}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
    .facts>div{display:contents}
    dt{color:var(--muted)}
    dd{margin:0;min-width:0;overflow-wrap:anywhere}
    dd ul{margin:0;padding-left:18px}
    .baseline figure{margin:0}
    .baseline .thumb{display:inline-block;background:none}
    .baseline .thumb img,.baseline img{display:block;max-width:100%;max-height:200px;width:auto;height:auto;border-radius:6px;border:1px solid var(--line)}
    figcaption{color:var(--muted);font-size:.85rem;margin-top:6px;overflow-wrap:anywhere}
    table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
    th,td{text-align:left;padding:4px 8px 4px 0;border-bottom:1px solid var(--line)}
    th{color:var(--muted);font-weight:600}
    tfoot td,tfoot th{border-bottom:0;font-weight:700;color:var(--fg)}
    .num{text-align:right}
    .grid{list-style:none;margin:0;padding:0;display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(min(100%,260px),1fr))}
    .card{background:var(--panel);border:1px solid var(--line);border-radius:10px;overflow:hidden;height:100%;display:flex;flex-direction:column;\
    box-shadow:var(--shadow)}
    .card.state-failed{border-color:var(--bad-fg)}
    .thumb{display:block;background:var(--none-bg)}
    .thumb img{display:block;width:100%;height:auto;max-height:70vh;object-fit:contain}
    .noimg{display:flex;align-items:center;justify-content:center;min-height:120px;padding:16px;background:var(--none-bg);color:var(--none-fg);\
    text-align:center;font-size:.9rem}
    .card-body{padding:10px 12px 12px;display:flex;flex-direction:column;gap:6px}
    .card-head{display:flex;align-items:center;justify-content:space-between;gap:8px;flex-wrap:wrap}
    .delta{margin:0;overflow-wrap:anywhere}
    .card .facts{font-size:.85rem}
    .badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.8rem;font-weight:600;overflow-wrap:anywhere}
    .badge.ok{background:var(--ok-bg);color:var(--ok-fg)}
    .badge.bad{background:var(--bad-bg);color:var(--bad-fg)}
    .badge.wait{background:var(--wait-bg);color:var(--wait-fg)}
    .badge.none{background:var(--none-bg);color:var(--none-fg)}
    .badge.chg{background:var(--chg-bg);color:var(--chg-fg)}
    .badge.pick{background:var(--chg-bg);color:var(--chg-fg)}
    .swatches{display:flex;gap:2px;min-width:120px;height:18px}.swatch{flex-basis:0;min-width:6px;border-radius:3px;border:1px solid var(--line)}
    .card.picked,.side.picked .thumb img{outline:3px solid var(--chg-fg);outline-offset:-3px}
    .note{margin:0;font-size:.9rem;overflow-wrap:anywhere}
    .reason{margin:0;padding:8px 10px;border-radius:6px;background:var(--bad-bg);color:var(--bad-fg);font-size:.9rem;overflow-wrap:anywhere}
    main>h2{margin:20px 0 10px;font-size:1.2rem}
    .pairs{list-style:none;margin:0;padding:0;display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr))}
    .pair{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px;box-shadow:var(--shadow);height:100%}
    .pair.changed{border-left:6px solid var(--chg-fg)}
    .pair-head{display:flex;align-items:center;gap:8px;flex-wrap:wrap;margin-bottom:10px}
    .sides{display:grid;grid-template-columns:1fr 1fr;gap:10px}
    .side{margin:0;min-width:0}
    .side .thumb img{border-radius:6px}
    .side .noimg{min-height:120px;border-radius:6px}
    .side figcaption{display:flex;flex-direction:column;gap:2px}
    .side-name{font-weight:700;color:var(--fg)}
    .changes{margin:10px 0 0;padding-left:18px;font-size:.9rem}
    .changes li{margin:2px 0;overflow-wrap:anywhere}
    ins{background:var(--ins-bg);color:var(--fg);text-decoration:underline}
    del{background:var(--del-bg);color:var(--fg);text-decoration:line-through}
    details summary{cursor:pointer}
    .diffs{margin:0;padding-left:18px}
    .diffs li{margin:4px 0;overflow-wrap:anywhere}
    footer{color:var(--muted);font-size:.85rem;margin:24px 0 8px}
    @media (max-width:480px){.wrap{padding:12px}h1{font-size:1.35rem}.panel{padding:12px}.sides{gap:6px}.pair{padding:10px}}
    @media (prefers-reduced-motion:reduce){*{scroll-behavior:auto}}
    """
}
