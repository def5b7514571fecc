/// The HTML shell shared by the reports: doctype, metadata, inline CSS, no scripts.
///
/// Pages are self-contained on purpose: they are mailed, archived and opened offline, so nothing
/// is fetched (no fonts, scripts or images) and nothing needs JavaScript to be read.
enum ReportPage {
  /// A complete document; `title` is escaped here, `css` and `body` must already be safe HTML.
  static func document(title: String, css: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="stance">
    <title>\(HTMLEscaping.text(title))</title>
    <style>
    \(baseCSS)\(css)</style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  /// A footer line naming the tool and, only when given, when the report was made.
  static func footer(generated: String?) -> String {
    var text = "Made by <code>stance</code>"
    if let generated { text += " on " + HTMLEscaping.text(generated) }
    return "<footer>\(text).</footer>\n"
  }

  /// Typography and tables shared by both reports.
  static let baseCSS = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #F6F6F4; color: #1A1A1A;
      font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 40px; }
    h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
    h2 { font-size: 20px; margin: 0 0 6px; }
    h3 { font-size: 15px; margin: 18px 0 8px; text-transform: uppercase; letter-spacing: 0.06em; color: #555; }
    a { color: #005A8C; }
    code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
    .lede { color: #444; margin: 0 0 14px; }
    .muted { color: #666; }
    table { border-collapse: collapse; background: #FFF; }
    th, td { padding: 5px 12px; border-bottom: 1px solid #E2E2E2; text-align: left; vertical-align: top; }
    th { font-weight: 600; background: #FAFAFA; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 6px; }
    .card { background: #FFF; border: 1px solid #E2E2E2; border-radius: 6px; padding: 16px 20px; margin: 0 0 18px; }
    footer { color: #777; font-size: 13px; margin-top: 28px; }
    /* Printed reports keep their tints: the colour carries the labels. */
    @media print { body { background: #FFF; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .card, .article { break-inside: avoid-page; } }

    """
}
