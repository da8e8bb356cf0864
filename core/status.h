// Errors as values in the core: every fallible function returns aero::Status or
// aero::Result<T>. Codes follow Aerospike: 0 OK, server result codes positive (their wire
// values), client-side codes negative (the official C client's numbers).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace aero {

// Client-side codes, numbered as the official C client numbers them (as_status.h).
enum ClientCode : int {
    kOk = 0,
    kErrClient = -1,
    kErrParam = -2,
    kErrInvalidHost = -4,
    kErrClientAbort = -5,  // a scan or query stopped by its caller
    kErrNoMoreConnections = -7,
    kErrInvalidNode = -8,
    kErrTls = -9,
    kErrConnection = -10,
    kErrMaxRetries = -12,
    kErrNoResponse = -15,
    // Codes of our own, below the C client's range.
    kErrClientClosed = -30,
    kErrNotConnected = -31,
    kErrBackpressure = -32,
    kErrForked = -33,
    kErrTimeout = 9,  // Client timeouts use the server's TIMEOUT code, as the C client does.
    kErrUdf = 100,    // The server's UDF code, also for UDF failures found in the client.
    kResultNotFound = 2,  // The server's KEY_NOT_FOUND, which several paths treat as an answer.
};

class [[nodiscard]] Status {
public:
    Status() = default;
    Status(int code, std::string message, bool in_doubt = false)
        : code_(code), message_(std::move(message)), in_doubt_(in_doubt) {}

    static Status ok() { return Status(); }
    bool is_ok() const { return code_ == 0; }
    int code() const { return code_; }
    const std::string& message() const { return message_; }
    bool in_doubt() const { return in_doubt_; }
    void set_in_doubt(bool v) { in_doubt_ = v; }
    // The node that answered or failed, when one was involved.
    const std::string& node() const { return node_; }
    void set_node(std::string node) { node_ = std::move(node); }
    void ignore() const {}

private:
    int code_ = 0;
    std::string message_;
    bool in_doubt_ = false;
    std::string node_;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Status status) : v_(std::move(status)) {}

    bool is_ok() const { return std::holds_alternative<T>(v_); }
    T& value() { return std::get<T>(v_); }
    const T& value() const { return std::get<T>(v_); }
    const Status& status() const { return std::get<Status>(v_); }

private:
    std::variant<T, Status> v_;
};

}  // namespace aero
