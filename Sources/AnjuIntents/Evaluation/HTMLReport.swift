import Foundation

/// `report.html`: the evaluation as one self-contained page (inline CSS and SVG, no scripts,
/// no external assets) — headline measures, per-intent F1 bars, the confusion matrix, the
/// confidence histogram of right and wrong answers, the reliability table and diagram,
/// accuracy by length, and the misses.
public enum HTMLReport {
    /// The page for `evaluation`; `title` names what was evaluated.
    public static func render(_ e: Evaluation, title: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — Anju intent evaluation</title>
        <style>\(css)</style>
        </head>
        <body>
        <h1>意图识别评测 Intent evaluation</h1>
        <p class="sub">\(escape(title)) · \(e.total) queries (in scope \(e.inScopeCount), out of scope \(e.outOfScopeCount))</p>

        """
        html += headline(e)
        html += section("Per-intent F1 / 各意图 F1", "Worst first. Bars: F1; figures: precision, recall, support.", f1Bars(e))
        html += section("Confusion matrix / 混淆矩阵", "Rows: true intent; columns: decided intent. Green: right; red: confused. Hover a cell for its count.", confusionSVG(e.confusionMatrix))
        html += section("Confidence of right and wrong answers / 置信度分布", "Stacked: right (green) and wrong (red) answers per confidence band of 0.05.", histogramSVG(e.predictions))
        html += section("Reliability / 校准", "ECE \(f3(e.calibration.expectedCalibrationError)) over 10 equal-width bins. A calibrated classifier's bars touch the diagonal.", reliability(e.calibration))
        html += section("Accuracy by length / 按长度的准确率", "Characters in the message.", lengthTable(e.byLength))
        html += section("Top confusions / 常见混淆", "", confusionsTable(e))
        html += section("Misses / 错例", e.misses.count > 300 ? "The first 300 of \(e.misses.count)." : "\(e.misses.count) misclassified queries.", missesTable(e))
        html += "</body>\n</html>\n"
        return html
    }

    static let css = """
    body{font-family:-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
    h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
    .sub,.note{color:#666}.cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
    .card b{display:block;font-size:1.5em}.card.bad b{color:#c0392b}.card.good b{color:#1e8449}
    table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #eee;padding:.25em .7em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
    svg{max-width:100%;height:auto}svg text{font-size:11px;fill:#333}.scroll{overflow-x:auto}
    """

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
    static func f1(_ x: Double) -> String { String(format: "%.1f", x) }

    static func section(_ heading: String, _ note: String, _ body: String) -> String {
        "<h2>\(escape(heading))</h2>\n" + (note.isEmpty ? "" : "<p class=\"note\">\(escape(note))</p>\n") + body + "\n"
    }

    static func headline(_ e: Evaluation) -> String {
        func card(_ name: String, _ value: Double, good: Bool) -> String {
            "<div class=\"card \(good ? "good" : "bad")\"><b>\(f3(value))</b>\(escape(name))</div>"
        }
        return "<div class=\"cards\">"
            + card("in-scope accuracy (≥ 0.92)", e.inScopeAccuracy, good: e.inScopeAccuracy >= 0.92)
            + card("out-of-scope recall (≥ 0.90)", e.outOfScopeRecall, good: e.outOfScopeRecall >= 0.90)
            + card("false rejection (≤ 0.05)", e.falseRejectionRate, good: e.falseRejectionRate <= 0.05)
            + card("unclear rate (≤ 0.05)", e.unclearRate, good: e.unclearRate <= 0.05)
            + card("accuracy, all queries", e.accuracy, good: true)
            + card("ECE (lower is better)", e.calibration.expectedCalibrationError, good: e.calibration.expectedCalibrationError <= 0.1)
            + "</div>\n"
    }

    static func color(_ f: Double) -> String { f >= 0.9 ? "#27ae60" : f >= 0.75 ? "#f39c12" : "#c0392b" }

    static func f1Bars(_ e: Evaluation) -> String {
        let rows = e.perIntent.sorted { $0.f1 != $1.f1 ? $0.f1 < $1.f1 : $0.intent < $1.intent }
        let rowHeight = 18, labelWidth = 200, barWidth = 420
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 260)\" height=\"\(rows.count * rowHeight + 10)\" role=\"img\" aria-label=\"F1 per intent\">\n"
        for (k, s) in rows.enumerated() {
            let y = k * rowHeight + 4
            let w = Int((s.f1 * Double(barWidth)).rounded())
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 12)\" text-anchor=\"end\">\(escape(s.intent))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"14\" fill=\"#f2f2f2\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"14\" fill=\"\(color(s.f1))\"><title>\(escape(s.intent)): F1 \(f3(s.f1))</title></rect>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 12)\">F1 \(f3(s.f1))  P \(f3(s.precision))  R \(f3(s.recall))  n \(s.support)</text>\n"
        }
        return svg + "</svg>"
    }

    static func confusionSVG(_ m: ConfusionMatrix) -> String {
        let n = m.labels.count, cell = 15, margin = 190
        let size = margin + n * cell + 10
        var svg = "<div class=\"scroll\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(size)\" height=\"\(size)\" role=\"img\" aria-label=\"confusion matrix\">\n"
        for (i, label) in m.labels.enumerated() {
            let c = margin + i * cell + cell / 2 + 4
            svg += "<text x=\"\(margin - 4)\" y=\"\(c)\" text-anchor=\"end\">\(escape(label))</text>"
            svg += "<text transform=\"translate(\(c - 1),\(margin - 4)) rotate(-60)\">\(escape(label))</text>\n"
        }
        for i in 0..<n {
            let support = max(1, m.support(i))
            for j in 0..<n {
                let count = m.counts[i][j]
                let x = margin + j * cell, y = margin + i * cell
                let fill: String
                if count == 0 {
                    fill = "fill=\"#fff\""
                } else {
                    let strength = 0.2 + 0.8 * Double(count) / Double(support)
                    fill = "fill=\"\(i == j ? "#27ae60" : "#c0392b")\" fill-opacity=\"\(String(format: "%.2f", strength))\""
                }
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" \(fill) stroke=\"#eee\">"
                svg += "<title>\(escape(m.labels[i])) → \(escape(m.labels[j])): \(count)</title></rect>"
                if count > 0 {
                    svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 11)\" text-anchor=\"middle\" style=\"font-size:8px\">\(count)</text>"
                }
            }
            svg += "\n"
        }
        return svg + "</svg></div>"
    }

    static func histogramSVG(_ predictions: [Prediction]) -> String {
        let bins = 20
        var right = [Int](repeating: 0, count: bins), wrong = right
        for p in predictions {
            let b = min(bins - 1, Int(min(1, max(0, p.confidence)) * Double(bins)))
            if p.isRight { right[b] += 1 } else { wrong[b] += 1 }
        }
        let top = max(1, (0..<bins).map { right[$0] + wrong[$0] }.max() ?? 1)
        let left = 50, width = 30, height = 200, base = 220
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + bins * width + 20)\" height=\"\(base + 40)\" role=\"img\" aria-label=\"confidence histogram\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(left + bins * width)\" y2=\"\(base)\" stroke=\"#999\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(base - height + 4)\" text-anchor=\"end\">\(top)</text><text x=\"\(left - 6)\" y=\"\(base)\" text-anchor=\"end\">0</text>\n"
        for b in 0..<bins {
            let x = left + b * width + 2
            let hr = Int((Double(right[b]) / Double(top) * Double(height)).rounded())
            let hw = Int((Double(wrong[b]) / Double(top) * Double(height)).rounded())
            let band = "\(String(format: "%.2f", Double(b) / Double(bins)))–\(String(format: "%.2f", Double(b + 1) / Double(bins)))"
            svg += "<rect x=\"\(x)\" y=\"\(base - hr)\" width=\"\(width - 4)\" height=\"\(hr)\" fill=\"#27ae60\"><title>\(band): \(right[b]) right</title></rect>"
            svg += "<rect x=\"\(x)\" y=\"\(base - hr - hw)\" width=\"\(width - 4)\" height=\"\(hw)\" fill=\"#c0392b\"><title>\(band): \(wrong[b]) wrong</title></rect>\n"
            if b % 2 == 0 { svg += "<text x=\"\(x - 2)\" y=\"\(base + 14)\">\(f1(Double(b) / Double(bins)))</text>" }
        }
        svg += "<text x=\"\(left + bins * width - 4)\" y=\"\(base + 14)\" text-anchor=\"end\">1.0</text>"
        svg += "<text x=\"\(left + bins * width / 2)\" y=\"\(base + 32)\" text-anchor=\"middle\">confidence</text>"
        return svg + "</svg>"
    }

    static func reliability(_ c: ReliabilityTable) -> String {
        var table = "<table><tr><th>bin</th><th>count</th><th>mean confidence</th><th>accuracy</th><th>gap</th></tr>\n"
        for b in c.bins {
            table += "<tr><td>\(b.label)</td><td class=\"n\">\(b.count)</td>"
            table += b.count == 0 ? "<td class=\"n\">–</td><td class=\"n\">–</td><td class=\"n\">–</td></tr>\n"
                : "<td class=\"n\">\(f3(b.meanConfidence))</td><td class=\"n\">\(f3(b.accuracy))</td><td class=\"n\">\(f3(b.accuracy - b.meanConfidence))</td></tr>\n"
        }
        table += "</table>\n"
        let left = 40, size = 240, base = 260
        let w = size / max(1, c.bins.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + size + 20)\" height=\"\(base + 40)\" role=\"img\" aria-label=\"reliability diagram\">\n"
        svg += "<rect x=\"\(left)\" y=\"\(base - size)\" width=\"\(size)\" height=\"\(size)\" fill=\"none\" stroke=\"#999\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(left + size)\" y2=\"\(base - size)\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
        for (k, b) in c.bins.enumerated() where b.count > 0 {
            let h = Int((b.accuracy * Double(size)).rounded())
            svg += "<rect x=\"\(left + k * w + 1)\" y=\"\(base - h)\" width=\"\(w - 2)\" height=\"\(h)\" fill=\"#2e86c1\" fill-opacity=\"0.8\">"
            svg += "<title>\(b.label): accuracy \(f3(b.accuracy)), confidence \(f3(b.meanConfidence)), n \(b.count)</title></rect>\n"
        }
        svg += "<text x=\"\(left)\" y=\"\(base + 14)\">0</text><text x=\"\(left + size)\" y=\"\(base + 14)\" text-anchor=\"end\">1</text>"
        svg += "<text x=\"\(left + size / 2)\" y=\"\(base + 30)\" text-anchor=\"middle\">confidence</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(base - size + 10)\" text-anchor=\"end\">1</text><text x=\"\(left - 6)\" y=\"\(base - size / 2)\" text-anchor=\"end\">acc</text>"
        return "<div class=\"cards\"><div>\(table)</div><div>\(svg)</svg></div></div>"
    }

    static func lengthTable(_ buckets: [LengthBucket]) -> String {
        var t = "<table><tr><th>characters</th><th>count</th><th>accuracy</th></tr>\n"
        for b in buckets {
            t += "<tr><td>\(escape(b.label))</td><td class=\"n\">\(b.count)</td><td class=\"n\">\(b.count == 0 ? "–" : f3(b.accuracy))</td></tr>\n"
        }
        return t + "</table>"
    }

    static func confusionsTable(_ e: Evaluation) -> String {
        guard !e.confusions.isEmpty else { return "<p>None.</p>" }
        var t = "<table><tr><th>count</th><th>expected</th><th>decided</th></tr>\n"
        for c in e.confusions {
            t += "<tr><td class=\"n\">\(c.count)</td><td>\(escape(c.expected))</td><td>\(escape(c.predicted))</td></tr>\n"
        }
        return t + "</table>"
    }

    static func missesTable(_ e: Evaluation) -> String {
        guard !e.misses.isEmpty else { return "<p>None.</p>" }
        var t = "<table><tr><th>where</th><th>text</th><th>expected</th><th>decided</th><th>confidence</th></tr>\n"
        for m in e.misses.prefix(300) {
            let place = m.fold.map { "fold \($0)" } ?? "line \(m.line)"
            t += "<tr><td>\(place)</td><td>\(escape(m.text))</td><td>\(escape(m.expected.joined(separator: "|")))</td>"
            t += "<td>\(escape(m.predicted))</td><td class=\"n\">\(f3(m.confidence))</td></tr>\n"
        }
        return t + "</table>"
    }
}
