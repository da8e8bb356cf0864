// aero_buf: a reusable result buffer owned by the caller.
#include "capi/internal.h"

extern "C" {

AERO_EXTERN aero_buf* aero_buf_new(void) { return new (std::nothrow) aero_buf(); }
AERO_EXTERN void aero_buf_destroy(aero_buf* buf) { delete buf; }
AERO_EXTERN const uint8_t* aero_buf_data(const aero_buf* buf) { return buf ? buf->data.data() : nullptr; }
AERO_EXTERN size_t aero_buf_size(const aero_buf* buf) { return buf ? buf->data.size() : 0; }
AERO_EXTERN void aero_buf_watch(aero_buf* buf, const uint8_t** data, size_t* size) {
    if (buf == nullptr) return;
    bool on = data != nullptr && size != nullptr;
    buf->data_slot = on ? data : nullptr;
    buf->size_slot = on ? size : nullptr;
    buf->publish();
}
AERO_EXTERN size_t aero_buf_view(const aero_buf* buf, const uint8_t** data) {
    if (data != nullptr) *data = aero_buf_data(buf);
    return aero_buf_size(buf);
}

}  // extern "C"
