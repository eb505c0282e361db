#include "cicu.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

struct cicu_breaker { UBreakIterator *it; };
struct cicu_translit { UTransliterator *tr; };

cicu_breaker *cicu_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->it = it;
    return b;
}

cicu_breaker *cicu_breaker_clone(const cicu_breaker *breaker, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_clone(breaker->it, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->it = it;
    return b;
}

void cicu_breaker_close(cicu_breaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->it);
    free(breaker);
}

int32_t cicu_breaker_segment(cicu_breaker *breaker, const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->it, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
    int32_t count = 0;
    for (int32_t pos = ubrk_first(breaker->it); pos != UBRK_DONE && count < capacity; pos = ubrk_next(breaker->it)) {
        boundaries[count] = pos;
        statuses[count] = ubrk_getRuleStatus(breaker->it);
        count++;
    }
    // Detach the iterator from the caller's buffer, which may go away.
    ubrk_setText(breaker->it, NULL, 0, &status);
    *error = 0;
    return count;
}

cicu_translit *cicu_translit_open(const char *id, int32_t *error) {
    UChar uid[128];
    int32_t n = (int32_t)strlen(id);
    if (n >= 128) { *error = (int32_t)U_ILLEGAL_ARGUMENT_ERROR; return NULL; }
    u_charsToUChars(id, uid, n);
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    UTransliterator *tr = utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, &parse, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_translit *t = malloc(sizeof *t);
    if (!t) { utrans_close(tr); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    t->tr = tr;
    return t;
}

void cicu_translit_close(cicu_translit *translit) {
    if (!translit) return;
    utrans_close(translit->tr);
    free(translit);
}

int32_t cicu_translit_apply(cicu_translit *translit, uint16_t *buffer, int32_t length, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(translit->tr, (UChar *)buffer, &textLength, capacity, 0, &limit, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return -1;
    return textLength;
}

int32_t cicu_decode(const char *encoding, const char *bytes, int32_t length, uint16_t *out, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(encoding, &status);
    if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
    int32_t n = ucnv_toUChars(conv, (UChar *)out, capacity, bytes, length, &status);
    ucnv_close(conv);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return -1;
    return n;
}

const char *cicu_error_name(int32_t error) {
    return u_errorName((UErrorCode)error);
}
