#ifndef BITEXT_CICU_SHIM_H
#define BITEXT_CICU_SHIM_H

// ICU's C names are macros over versioned symbols (ubrk_open is ubrk_open_72), which Swift
// cannot import. Each call Bitext uses gets a static inline forwarder here.
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/usearch.h>
#include <unicode/ustring.h>
#include <unicode/uloc.h>
#include <unicode/uversion.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

static inline UBool bx_success(UErrorCode code) { return U_SUCCESS(code); }
// A regular expression ran past its time or backtracking-stack limit.
static inline UBool bx_regex_limit_exceeded(UErrorCode code) { return code == U_REGEX_TIME_OUT || code == U_REGEX_STACK_OVERFLOW; }
static inline UBool bx_failure(UErrorCode code) { return U_FAILURE(code); }
static inline const char *bx_errorName(UErrorCode code) { return u_errorName(code); }
static inline void bx_getVersion(UVersionInfo info) { u_getVersion(info); }

// Break iteration
static inline UBreakIterator *bx_ubrk_open(UBreakIteratorType type, const char *locale, UErrorCode *status) {
    return ubrk_open(type, locale, NULL, 0, status);
}
static inline void bx_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
static inline void bx_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
    ubrk_setText(bi, text, length, status);
}
static inline int32_t bx_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t bx_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t bx_ubrk_following(UBreakIterator *bi, int32_t offset) { return ubrk_following(bi, offset); }
static inline int32_t bx_ubrk_preceding(UBreakIterator *bi, int32_t offset) { return ubrk_preceding(bi, offset); }
static inline int32_t bx_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline int32_t bx_ubrk_done(void) { return UBRK_DONE; }

// Case mapping
static inline int32_t bx_strToUpper(UChar *dest, int32_t cap, const UChar *src, int32_t len, const char *locale, UErrorCode *status) {
    return u_strToUpper(dest, cap, src, len, locale, status);
}
static inline int32_t bx_strToLower(UChar *dest, int32_t cap, const UChar *src, int32_t len, const char *locale, UErrorCode *status) {
    return u_strToLower(dest, cap, src, len, locale, status);
}
static inline int32_t bx_strFoldCase(UChar *dest, int32_t cap, const UChar *src, int32_t len, uint32_t options, UErrorCode *status) {
    return u_strFoldCase(dest, cap, src, len, options, status);
}
static inline uint32_t bx_foldCaseDefault(void) { return U_FOLD_CASE_DEFAULT; }
static inline uint32_t bx_foldCaseExcludeSpecialI(void) { return U_FOLD_CASE_EXCLUDE_SPECIAL_I; }

// Normalization
static inline const UNormalizer2 *bx_nfc(UErrorCode *status) { return unorm2_getNFCInstance(status); }
static inline const UNormalizer2 *bx_nfd(UErrorCode *status) { return unorm2_getNFDInstance(status); }
static inline const UNormalizer2 *bx_nfkc(UErrorCode *status) { return unorm2_getNFKCInstance(status); }
static inline const UNormalizer2 *bx_nfkcCasefold(UErrorCode *status) { return unorm2_getNFKCCasefoldInstance(status); }
static inline int32_t bx_normalize(const UNormalizer2 *n, const UChar *src, int32_t len, UChar *dest, int32_t cap, UErrorCode *status) {
    return unorm2_normalize(n, src, len, dest, cap, status);
}
static inline UBool bx_isNormalized(const UNormalizer2 *n, const UChar *src, int32_t len, UErrorCode *status) {
    return unorm2_isNormalized(n, src, len, status);
}

// Regular expressions
static inline URegularExpression *bx_uregex_open(const UChar *pattern, int32_t len, uint32_t flags, UParseError *pe, UErrorCode *status) {
    return uregex_open(pattern, len, flags, pe, status);
}
static inline void bx_uregex_close(URegularExpression *re) { uregex_close(re); }
static inline void bx_uregex_setLimits(URegularExpression *re, int32_t steps, int32_t stackBytes, UErrorCode *status) {
    uregex_setTimeLimit(re, steps, status);
    uregex_setStackLimit(re, stackBytes, status);
}
static inline void bx_uregex_setText(URegularExpression *re, const UChar *text, int32_t len, UErrorCode *status) {
    uregex_setText(re, text, len, status);
}
static inline UBool bx_uregex_lookingAt(URegularExpression *re, int32_t start, UErrorCode *status) {
    return uregex_lookingAt(re, start, status);
}
static inline UBool bx_uregex_matches(URegularExpression *re, int32_t start, UErrorCode *status) {
    return uregex_matches(re, start, status);
}
static inline UBool bx_uregex_find(URegularExpression *re, int32_t start, UErrorCode *status) {
    return uregex_find(re, start, status);
}
static inline UBool bx_uregex_findNext(URegularExpression *re, UErrorCode *status) {
    return uregex_findNext(re, status);
}
static inline int32_t bx_uregex_start(URegularExpression *re, int32_t group, UErrorCode *status) {
    return uregex_start(re, group, status);
}
static inline int32_t bx_uregex_end(URegularExpression *re, int32_t group, UErrorCode *status) {
    return uregex_end(re, group, status);
}
static inline int32_t bx_uregex_groupCount(URegularExpression *re, UErrorCode *status) {
    return uregex_groupCount(re, status);
}
static inline void bx_uregex_setRegion(URegularExpression *re, int32_t start, int32_t limit, UErrorCode *status) {
    uregex_setRegion(re, start, limit, status);
}
static inline void bx_uregex_useTransparentBounds(URegularExpression *re, UBool b, UErrorCode *status) {
    uregex_useTransparentBounds(re, b, status);
}
static inline void bx_uregex_useAnchoringBounds(URegularExpression *re, UBool b, UErrorCode *status) {
    uregex_useAnchoringBounds(re, b, status);
}
static inline uint32_t bx_regexCaseInsensitive(void) { return UREGEX_CASE_INSENSITIVE; }
static inline uint32_t bx_regexComments(void) { return UREGEX_COMMENTS; }
static inline uint32_t bx_regexDotAll(void) { return UREGEX_DOTALL; }
static inline uint32_t bx_regexMultiline(void) { return UREGEX_MULTILINE; }
static inline uint32_t bx_regexUWord(void) { return UREGEX_UWORD; }

// Collation and collation-based search
static inline UCollator *bx_ucol_open(const char *locale, UErrorCode *status) { return ucol_open(locale, status); }
static inline void bx_ucol_close(UCollator *c) { ucol_close(c); }
static inline void bx_ucol_setStrength(UCollator *c, UCollationStrength s) { ucol_setStrength(c, s); }
static inline UCollationResult bx_ucol_strcoll(const UCollator *c, const UChar *a, int32_t al, const UChar *b, int32_t bl) {
    return ucol_strcoll(c, a, al, b, bl);
}
static inline UStringSearch *bx_usearch_openFromCollator(const UChar *pattern, int32_t plen, const UChar *text, int32_t tlen,
                                                         const UCollator *c, UErrorCode *status) {
    return usearch_openFromCollator(pattern, plen, text, tlen, c, NULL, status);
}
static inline void bx_usearch_close(UStringSearch *s) { usearch_close(s); }
static inline int32_t bx_usearch_first(UStringSearch *s, UErrorCode *status) { return usearch_first(s, status); }
static inline int32_t bx_usearch_next(UStringSearch *s, UErrorCode *status) { return usearch_next(s, status); }
static inline int32_t bx_usearch_getMatchedLength(const UStringSearch *s) { return usearch_getMatchedLength(s); }
static inline void bx_usearch_setAttribute(UStringSearch *s, USearchAttribute a, USearchAttributeValue v, UErrorCode *status) {
    usearch_setAttribute(s, a, v, status);
}
static inline int32_t bx_usearch_done(void) { return USEARCH_DONE; }

// Locales
static inline int32_t bx_uloc_forLanguageTag(const char *tag, char *locale, int32_t cap, int32_t *parsed, UErrorCode *status) {
    return uloc_forLanguageTag(tag, locale, cap, parsed, status);
}
static inline int32_t bx_uloc_getLanguage(const char *locale, char *lang, int32_t cap, UErrorCode *status) {
    return uloc_getLanguage(locale, lang, cap, status);
}

// Character set conversion (reading files in UTF-16, windows-1252, ISO-8859-*, ...)
static inline UConverter *bx_ucnv_open(const char *name, UErrorCode *status) { return ucnv_open(name, status); }
static inline void bx_ucnv_close(UConverter *cnv) { ucnv_close(cnv); }
// Stop at the first byte sequence that is not valid in the encoding, instead of substituting.
static inline void bx_ucnv_stopOnIllegal(UConverter *cnv, UErrorCode *status) {
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, status);
}
static inline void bx_ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *targetLimit, const char **source,
                                     const char *sourceLimit, int32_t *offsets, UBool flush, UErrorCode *status) {
    ucnv_toUnicode(cnv, target, targetLimit, source, sourceLimit, offsets, flush, status);
}
static inline int8_t bx_ucnv_invalidLength(UConverter *cnv) {
    char bytes[32];
    int8_t length = sizeof bytes;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv, bytes, &length, &status);
    return U_SUCCESS(status) ? length : 0;
}
static inline const char *bx_ucnv_getName(const UConverter *cnv, UErrorCode *status) { return ucnv_getName(cnv, status); }
static inline UBool bx_is_buffer_overflow(UErrorCode code) { return code == U_BUFFER_OVERFLOW_ERROR; }

#endif
