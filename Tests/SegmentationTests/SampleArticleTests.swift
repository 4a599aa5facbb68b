import Foundation
import Segmentation
import Testing

/// The sample article under Examples/: headline, boilerplate and prose.
@Suite("Sample article")
struct SampleArticleTests {
    let text: String
    let segments: [Segment]

    init() throws {
        let path = TestSupport.root + "/Examples/azerbaijan-nato.txt"
        text = try String(contentsOfFile: path, encoding: .utf8)
        segments = try TestSupport.segmenter("en").segments(of: text)
    }

    @Test("segments the article into headline, boilerplate and sentences")
    func expectedSegments() {
        let expected = [
            "Between Moscow and Brussels: Azerbaijan Expands Its Security Options",
            "Must read",
            "Baku’s recent meeting with a NATO delegation under the Individual Partnership Cooperation Program might appear at first glance as a routine military-technical exchange.",
            "Briefings, photo opportunities, and ceremonial gifts hardly make headlines in a region accustomed to bigger geopolitical storms.",
            "Yet behind this protocol lies a quiet but unmistakable signal: Azerbaijan continues to diversify its security partnerships at a time when the regional chessboard is rapidly shifting.",
            "For years, NATO has kept its partnership with Baku carefully calibrated—neither fully embracing Azerbaijan into its deeper structures, nor ignoring its geostrategic significance as a bridge between the Black Sea, Caspian basin, and Central Asia.",
            "What makes the August 2025 meeting noteworthy is its timing: post-war normalization with Armenia has effectively closed one chapter of regional security, while opening another.",
            "By reviewing the Operational Capabilities Concept (OCC) framework, Azerbaijan demonstrates that it seeks not just to tick boxes for cooperation, but to align its armed forces with international standards.",
            "For NATO, this cooperation offers more than symbolic value—it provides an anchor in the South Caucasus at a moment when Russia’s role in the region is visibly eroding and Iran remains unpredictable.",
            "Stay Ahead with Azerbaijan.us",
            "Get exclusive translations, top stories, and analysis — straight to your inbox.",
            "Of course, Azerbaijan treads carefully.",
            "It will not jeopardize its delicate balance of relations with regional powers—Turkey as an ally, Russia as a cautious partner, and Iran as a watchful neighbor.",
            "The NATO track is therefore neither a full pivot nor a simple courtesy call.",
            "It is, instead, a strategic hedge: keeping doors open, raising standards, and quietly reminding all parties that Baku has choices.",
            "In today’s multipolar order, where alliances are fluid and security guarantees uncertain, such choices are themselves power.",
            "- Advertisement -spot_img",
            "More articles",
            "- Advertisement -spot_img",
            "Latest article",
        ]
        #expect(segments.map(\.text) == expected)
    }

    @Test("ids count from 1 and paragraphs from 0")
    func numbering() {
        #expect(segments.map(\.id) == Array(1...segments.count))
        #expect(segments.first?.paragraph == 0)
        // The newsletter promo's two lines share one paragraph.
        let promo = segments.filter { $0.text.hasPrefix("Stay Ahead") || $0.text.hasPrefix("Get exclusive") }
        #expect(promo.count == 2 && promo[0].paragraph == promo[1].paragraph)
    }

    @Test("byte ranges point at the segment text")
    func ranges() {
        let bytes = Array(text.utf8)
        for s in segments {
            #expect(String(decoding: bytes[s.range], as: UTF8.self) == s.text)
        }
    }

    @Test("boilerplate lines are recognised by the English list")
    func boilerplate() throws {
        let segmenter = try TestSupport.segmenter("en")
        for line in ["Must read", "- Advertisement -spot_img", "Latest article", "More articles", "Share this article"] {
            #expect(segmenter.isBoilerplate(line), "\(line)")
        }
        #expect(!segmenter.isBoilerplate("Must read the whole report before the summit."))
    }
}
