/// The lineage page's rules, added after `GalleryStyle.css`: one row per iteration, indented by
/// generation, with a strip of thumbnails.
package enum LineageGalleryStyle {
  /// The CSS text.
  package static let css = """
    .iterations{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px}
    .iteration{margin-left:calc(min(var(--depth,0),6) * 28px);min-width:0}
    .iteration>.panel{border-left:6px solid var(--accent)}
    .it-head{display:flex;align-items:baseline;justify-content:space-between;gap:8px;flex-wrap:wrap}
    .it-head h2{margin:0;font-size:1.05rem}
    .gen{color:var(--muted);font-size:.85rem}
    .it-facts{margin:4px 0 8px;color:var(--muted);font-size:.9rem}
    .from{display:flex;align-items:center;gap:10px;margin:0 0 10px;flex-wrap:wrap}
    .from img{display:block;width:56px;height:56px;object-fit:cover;border-radius:6px;border:1px solid var(--line)}
    .drift{margin:0 0 10px;font-size:.9rem;color:var(--muted)}
    .drift-bad{font-weight:600}
    .it-prompt{margin:0 0 10px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem}
    .strip{list-style:none;margin:0;padding:0;display:grid;gap:10px;grid-template-columns:repeat(auto-fill,minmax(min(100%,132px),1fr))}
    .frame{background:var(--bg);border:1px solid var(--line);border-radius:8px;overflow:hidden;display:flex;flex-direction:column}
    .frame.picked{outline:3px solid var(--chg-fg);outline-offset:-3px}
    .frame:target{box-shadow:0 0 0 3px var(--focus)}
    .frame .thumb img{aspect-ratio:1/1;object-fit:cover}
    .frame .noimg{min-height:96px;font-size:.8rem;padding:8px}
    .frame-body{padding:6px 8px 8px;display:flex;flex-direction:column;gap:4px;font-size:.85rem}
    .frame-head{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
    .children{margin:0;padding:0;list-style:none;font-size:.8rem}
    .children li{overflow-wrap:anywhere}
    @media (max-width:480px){.iteration{margin-left:calc(min(var(--depth,0),3) * 12px)}}
    """
}
