// libFuzzer's driver entry, called from Swift because SwiftPM names the executable's entry symbol
// `<Target>_main` (toolchain.md §6).
#include <stdint.h>
#include <stddef.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
