/* A minimal msgpack reader for the tests: enough to walk the library's result shapes. */
#include <stdint.h>

#include "test_util.h"

static uint32_t be(const uint8_t *p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

const uint8_t *mp_skip(const uint8_t *p) {
    uint8_t t = *p;
    if (t <= 0x7f || t >= 0xe0 || t == 0xc0 || t == 0xc2 || t == 0xc3) return p + 1;
    if ((t & 0xe0) == 0xa0) return p + 1 + (t & 0x1f);
    if ((t & 0xf0) == 0x90 || (t & 0xf0) == 0x80 || t == 0xdc || t == 0xdd || t == 0xde || t == 0xdf) {
        uint32_t n;
        const uint8_t *q;
        if ((t & 0xf0) == 0x90 || (t & 0xf0) == 0x80) n = t & 0x0f, q = p + 1;
        else if (t == 0xdc || t == 0xde) n = be(p + 1, 2), q = p + 3;
        else n = be(p + 1, 4), q = p + 5;
        if ((t & 0xf0) == 0x80 || t == 0xde || t == 0xdf) n *= 2;
        while (n--) q = mp_skip(q);
        return q;
    }
    switch (t) {
    case 0xcc: case 0xd0: return p + 2;
    case 0xcd: case 0xd1: return p + 3;
    case 0xce: case 0xd2: case 0xca: return p + 5;
    case 0xcf: case 0xd3: case 0xcb: return p + 9;
    case 0xc4: case 0xd9: return p + 2 + p[1];
    case 0xc5: case 0xda: return p + 3 + be(p + 1, 2);
    case 0xc6: case 0xdb: return p + 5 + be(p + 1, 4);
    default: return p + 1; /* not produced by the library */
    }
}

int64_t mp_int(const uint8_t *p) {
    uint8_t t = *p;
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return (int8_t)t;
    switch (t) {
    case 0xcc: return p[1];
    case 0xcd: return be(p + 1, 2);
    case 0xce: return be(p + 1, 4);
    case 0xcf: return (int64_t)((uint64_t)be(p + 1, 4) << 32 | be(p + 5, 4));
    case 0xd0: return (int8_t)p[1];
    case 0xd1: return (int16_t)be(p + 1, 2);
    case 0xd2: return (int32_t)be(p + 1, 4);
    case 0xd3: return (int64_t)((uint64_t)be(p + 1, 4) << 32 | be(p + 5, 4));
    default: return 0;
    }
}
