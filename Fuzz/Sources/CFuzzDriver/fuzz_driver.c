// The declaration in include/fuzz_driver.h is all this target provides; the definition is
// libFuzzer's. (SwiftPM wants at least one source file in a C target.)
#include "fuzz_driver.h"
