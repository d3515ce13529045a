/* Test tooling only, never shipped: Wine 8.0 (Debian 12) has no bcryptprimitives.dll, whose
 * ProcessPrng Rust's standard library imports and Windows 10 and later have. This stand-in gives
 * ProcessPrng from the system's RtlGenRandom, so the Windows program runs under Wine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
