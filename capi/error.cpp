// aero_error: the caller-owned detail of a failed call.
#include "capi/internal.h"

extern "C" {

AERO_EXTERN aero_error* aero_error_new(void) { return new (std::nothrow) aero_error(); }
AERO_EXTERN void aero_error_destroy(aero_error* err) { delete err; }
AERO_EXTERN aero_status aero_error_code(const aero_error* err) { return err ? err->code : AERO_ERR_PARAM; }
AERO_EXTERN const char* aero_error_message(const aero_error* err) { return err ? err->message.c_str() : ""; }
AERO_EXTERN int aero_error_in_doubt(const aero_error* err) { return err && err->in_doubt ? 1 : 0; }
AERO_EXTERN const char* aero_error_node(const aero_error* err) { return err ? err->node.c_str() : ""; }

}  // extern "C"
