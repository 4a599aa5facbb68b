import Testing
import BitextICU

@Suite("LanguageTags")
struct LanguageTagsTests {
    @Test(arguments: [
        ("az-Latn-AZ", "az_Latn_AZ", "az"),
        ("EN-us", "en_US", "en"),
        ("tr", "tr", "tr"),
        ("sr-Cyrl", "sr_Cyrl", "sr"),
        ("zh-Hant-TW", "zh_Hant_TW", "zh"),
        ("i-klingon", "tlh", "tlh"),  // grandfathered tag, mapped by ICU
        ("de-DE-u-co-phonebk", "de_DE@collation=phonebook", "de"),
    ])
    func wellFormedTags(tag: String, locale: String, language: String) {
        #expect(LanguageTags.icuLocale(forTag: tag) == locale)
        #expect(LanguageTags.language(ofTag: tag) == language)
    }

    @Test(arguments: ["en US", "--", "", "en_US", "en-", "-en", "e", "toolongsubtag-US", "az-Latn-AZ!"])
    func malformedTagsGiveNil(tag: String) {
        #expect(LanguageTags.icuLocale(forTag: tag) == nil)
        #expect(LanguageTags.language(ofTag: tag) == nil)
    }

    @Test func privateUseTagHasNoLanguage() {
        #expect(LanguageTags.icuLocale(forTag: "x-private") == "@x=private")
        #expect(LanguageTags.language(ofTag: "x-private") == nil)
    }

    @Test func longTagWithinTheBuffer() {
        let tag = "de-DE-u-co-phonebk-ca-gregory-nu-latn-tz-deber-ms-metric-hc-h23-fw-mon-kn-true-kf-upper"
        #expect(LanguageTags.icuLocale(forTag: tag)?.hasPrefix("de_DE@calendar=gregorian;colcasefirst=upper;collation=phonebook") == true)
        #expect(LanguageTags.language(ofTag: tag) == "de")
    }

    /// A valid tag whose ICU id is longer than ICU's usual 157-byte buffer still converts.
    @Test func longValidTagIsNotRejected() {
        let tag = "de-DE-u-co-phonebk-ca-gregory-nu-latn-tz-deber-ms-metric-hc-h23-fw-mon-kn-true-kf-upper-ks-level2"
        #expect(LanguageTags.language(ofTag: tag) == "de")
    }
}

@Suite("ICUInfo and ICUError")
struct ICUInfoAndErrorTests {
    @Test func versionIsICU72() {
        let version = ICUInfo.version
        #expect(version.hasPrefix("72"))
        let parts = version.split(separator: ".")
        #expect((2...3).contains(parts.count))
        #expect(parts.allSatisfy { Int($0) != nil })
    }

    @Test func descriptionWithAndWithoutDetail() {
        let plain = ICUError(name: "U_ILLEGAL_ARGUMENT_ERROR", code: 1, operation: "searching")
        #expect(plain.description == "searching: U_ILLEGAL_ARGUMENT_ERROR")
        #expect(plain.detail == "")
        let detailed = ICUError(name: "U_REGEX_RULE_SYNTAX", code: 0x10300, operation: "compiling regular expression /*/", detail: "at offset 0")
        #expect(detailed.description == "compiling regular expression /*/: U_REGEX_RULE_SYNTAX (at offset 0)")
    }

    @Test func equality() {
        let a = ICUError(name: "U_X", code: 1, operation: "op", detail: "d")
        #expect(a == ICUError(name: "U_X", code: 1, operation: "op", detail: "d"))
        #expect(a != ICUError(name: "U_X", code: 1, operation: "op", detail: "e"))
        #expect(a != ICUError(name: "U_X", code: 2, operation: "op", detail: "d"))
    }

    @Test func thrownErrorsCarryICUsNameAndCode() throws {
        let error = try #require(throws: ICUError.self) { try RegularExpression("(") }
        #expect(error.name == "U_REGEX_MISMATCHED_PAREN")
        #expect(error.code == 0x10306)  // U_REGEX_MISMATCHED_PAREN in utypes.h
    }
}
