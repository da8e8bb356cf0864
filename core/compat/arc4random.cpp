// arc4random() and arc4random_buf() for the wheel's build (AERO_STATIC_DEPS), inside the binary.
//
// glibc added them in 2.36. The static libstdc++ (std::random_device) and libxcrypt (salts) of a
// build machine with glibc >= 2.36 call them, which would make libaero and aero-server refuse
// to load on any older glibc (Ubuntu 22.04, RHEL 9). Linked as an object of the binary itself,
// these hidden definitions win over libc's at link time, so the binaries need no GLIBC_2.36
// symbol. Same contract as glibc's: bytes from the kernel's CSPRNG, never a failure returned
// (glibc aborts when the kernel cannot give randomness; so do these).
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

namespace {

/** Reads n bytes from /dev/urandom: the fallback where getrandom(2) is missing (seccomp, old kernels). */
bool read_urandom(unsigned char* out, size_t n) {
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    while (n > 0) {
        ssize_t got = read(fd, out, n);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            close(fd);
            return false;
        }
        out += got;
        n -= static_cast<size_t>(got);
    }
    close(fd);
    return true;
}

}  // namespace

extern "C" {

/** Fills buf with n random bytes from the kernel; aborts when the kernel has none to give. */
__attribute__((visibility("hidden"))) void arc4random_buf(void* buf, size_t n) {
    auto* out = static_cast<unsigned char*>(buf);
    while (n > 0) {
        ssize_t got = getrandom(out, n, 0);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (read_urandom(out, n)) {
                return;
            }
            abort();
        }
        out += got;
        n -= static_cast<size_t>(got);
    }
}

/** Returns 32 random bits from the kernel (see arc4random_buf). */
__attribute__((visibility("hidden"))) uint32_t arc4random(void) {
    uint32_t value;
    arc4random_buf(&value, sizeof value);
    return value;
}

}  // extern "C"
