// A small C shim over ICU. It names no ICU type, so Swift never sees ICU's headers
// (Foundation's private ICU module defines the same UErrorCode and clang rejects the mix).
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque ICU word break iterator (UBRK_WORD). Not thread-safe: one user at a time.
typedef struct cicu_breaker cicu_breaker;

/// Opens a word break iterator for `locale` (e.g. "zh"). Returns NULL and sets *error on failure.
cicu_breaker *cicu_breaker_open(const char *locale, int32_t *error);
/// Clones an iterator so another thread can use its own copy.
cicu_breaker *cicu_breaker_clone(const cicu_breaker *breaker, int32_t *error);
void cicu_breaker_close(cicu_breaker *breaker);
/// Segments UTF-16 `text`. Writes up to `capacity` boundaries (UTF-16 offsets, the first
/// is 0) to `boundaries` and the rule status of the segment ending at each boundary to
/// `statuses` (0 none/punctuation, 100 number, 200 letter, 300 kana, 400 ideograph).
/// Returns the number of boundaries written, or -1 with *error set.
int32_t cicu_breaker_segment(cicu_breaker *breaker, const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *statuses, int32_t capacity, int32_t *error);

/// An opaque ICU transliterator. Not thread-safe.
typedef struct cicu_translit cicu_translit;

/// Opens a transliterator by id (ASCII, e.g. "Traditional-Simplified"). NULL on failure.
cicu_translit *cicu_translit_open(const char *id, int32_t *error);
void cicu_translit_close(cicu_translit *translit);
/// Transliterates `buffer[0..<length]` in place. Returns the new length, or -1 with
/// *error set (e.g. when the result does not fit in `capacity`).
int32_t cicu_translit_apply(cicu_translit *translit, uint16_t *buffer, int32_t length, int32_t capacity, int32_t *error);

/// Decodes the bytes of a legacy encoding (e.g. "gb2312") to UTF-16. Returns the length
/// written, or -1 with *error set.
int32_t cicu_decode(const char *encoding, const char *bytes, int32_t length, uint16_t *out, int32_t capacity, int32_t *error);

/// A human-readable name for an error code returned above.
const char *cicu_error_name(int32_t error);

#ifdef __cplusplus
}
#endif
