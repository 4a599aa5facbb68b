#ifndef BITEXT_CLIBXML2_SHIM_H
#define BITEXT_CLIBXML2_SHIM_H
// libxml2's HTML parser (Debian libxml2-dev). Its headers include ICU's, so only the
// Foundation-free BitextMarkup module may import this one.
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <string.h>

// The parser's byte offset in the (UTF-8, unconverted) input: where SAX callbacks are called from.
static inline long bx_html_offset(htmlParserCtxtPtr ctxt) {
    if (ctxt == NULL || ctxt->input == NULL) return -1;
    return (long)ctxt->input->consumed + (long)(ctxt->input->cur - ctxt->input->base);
}

// Declares the input UTF-8 (no converter), so that libxml2 neither guesses an encoding from
// <meta charset> at the first non-ASCII byte nor converts the input, which would make the
// offsets above differ from the caller's bytes. Use with HTML_PARSE_IGNORE_ENC.
static inline void bx_html_pin_utf8(htmlParserCtxtPtr ctxt) {
    if (ctxt != NULL && ctxt->input != NULL) xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
}

// Stops the parser from inside a SAX callback (no more callbacks after this one).
static inline void bx_html_stop(void *ctx) { xmlStopParser((htmlParserCtxtPtr)ctx); }

static inline void *bx_html_private(void *ctx) { return ((htmlParserCtxtPtr)ctx)->_private; }
static inline long bx_html_ctx_offset(void *ctx) { return bx_html_offset((htmlParserCtxtPtr)ctx); }

// The Unicode value of an HTML 4 named entity (without & and ;), or 0.
static inline unsigned int bx_html_entity_value(const char *name) {
    const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
    return d == NULL ? 0 : d->value;
}
#endif
