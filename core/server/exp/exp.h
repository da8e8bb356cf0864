// Aerospike expressions (filters and the EXP_READ / EXP_MODIFY ops), as the real server's
// exp.c builds and evaluates them: a packed msgpack tree is compiled once with the server's
// arity and type checks (any failure is 4, PARAMETER), then evaluated against a record with
// its trilean logic, where a missing bin or a wrong type makes a value unknown.
//
// Collection, bit and HLL calls run through core/server/cdt; GeoJSON through core/server/geo.
// Nothing here knows of requests or replies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/proto/digest.h"
#include "core/server/record.h"

namespace aero::server {
class BinIndex;
class Namespace;
}  // namespace aero::server

namespace aero::server::exp {

struct Node;

// A compiled expression. It keeps its own copy of the wire bytes its literals point into.
class Program {
public:
    Program();
    ~Program();
    Program(Program&&) noexcept;
    Program& operator=(Program&&) noexcept;

    // Whether the expression yields a boolean, as a filter must.
    bool is_boolean() const;

    // The compiled tree and what evaluation needs to size (internal to exp/).
    const Node& root() const { return *root_; }
    uint32_t var_count() const { return var_count_; }

private:
    friend int compile(const uint8_t* p, size_t n, Program& out);
    std::unique_ptr<Node> root_;
    std::unique_ptr<uint8_t[]> wire_;
    uint32_t var_count_ = 0;
};

// Compiles the packed expression [p, p+n). Returns 0, or 4 (PARAMETER) when it is malformed
// or fails the server's checks; `out` is then unusable.
int compile(const uint8_t* p, size_t n, Program& out);
// Compiles a filter (FILTER_EXP field): as compile(), and it must yield a boolean.
int compile_filter(const uint8_t* p, size_t n, Program& out);

enum class Trilean : uint8_t { kFalse, kTrue, kUnknown };

// The record an expression is evaluated against. While a write runs, `bins` is its bin index
// over the record being built, so that ops see the bins the earlier ops left.
struct RecordView {
    const Namespace& ns;
    const proto::Digest& digest;
    const Record& rec;
    BinIndex* bins = nullptr;

    // The live bin called `name`, or nullptr.
    const Bin* find(std::string_view name) const;
};

// as_record_stored_size(): the record as the server's memory storage writes it, in 16-byte
// blocks (record_size(), and a UDF's record.size).
int64_t record_size(const RecordView& v);

// Evaluates a filter. An unknown result counts as false, as the server's
// as_exp_matches_record() has it.
bool matches(const Program& filter, const RecordView& rec);

// Evaluates an expression into a bin value (as_exp_eval): out.type 0 for a nil result. False
// when the result is unknown or cannot be stored (a remove marker, a non-collection msgpack
// literal, invalid GeoJSON).
bool eval_to_bin(const Program& exp, const RecordView& rec, Bin& out);

}  // namespace aero::server::exp
