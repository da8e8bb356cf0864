#include "core/server/index/index_query.h"

#include <algorithm>
#include <cstring>

#include "core/proto/bytes.h"
#include "core/proto/particle.h"
#include "core/server/cdt/value.h"
#include "core/server/index/index_keys.h"
#include "core/server/index/wyhash.h"

namespace aero::server::index {

namespace {

using namespace aero::proto;

// MAX_QUERY_BURST: entries collected per pass over an index partition.
constexpr size_t kBurst = 100;
// MAX_STRING_KSIZE / MAX_BLOB_KSIZE / MAX_GEOJSON_KSIZE: longest query values.
constexpr size_t kMaxStringKey = 2048, kMaxGeoJsonKey = 1024 * 1024;

class RangeReader {
public:
    explicit RangeReader(std::string_view s) : p_(reinterpret_cast<const uint8_t*>(s.data())), left_(s.size()) {}
    bool u8(uint8_t& v) { return take(1) && (v = p_[-1], true); }
    bool u32(uint32_t& v) { return take(4) && (v = load_u32(p_ - 4), true); }
    bool bytes(size_t n, std::string& out) {
        if (!take(n)) return false;
        out.assign(reinterpret_cast<const char*>(p_ - n), n);
        return true;
    }
    size_t left() const { return left_; }

private:
    bool take(size_t n) {
        if (left_ < n) return false;
        p_ += n;
        left_ -= n;
        return true;
    }
    const uint8_t* p_;
    size_t left_;
};

bool integer_range(RangeReader& r, Range& out) {
    uint32_t len;
    std::string b, e;
    if (r.left() < 24 || !r.u32(len) || len != 8 || !r.bytes(8, b) || !r.u32(len) || len != 8 || !r.bytes(8, e))
        return false;
    int64_t start = int64_t(load_u64(reinterpret_cast<const uint8_t*>(b.data())));
    int64_t end = int64_t(load_u64(reinterpret_cast<const uint8_t*>(e.data())));
    if (start > end) return false;
    out.spans = {{start, end}};
    out.is_range = start != end;
    return true;
}

// Strings and blobs: equality on the begin value (clients repeat it as the end, unread).
bool value_range(RangeReader& r, Range& out) {
    uint32_t len;
    if (!r.u32(len) || len >= kMaxStringKey || !r.bytes(len, out.value)) return false;
    int64_t bval = int64_t(wyhash64(out.value.data(), out.value.size()));
    out.spans = {{bval, bval}};
    return true;
}

// A point asks for the regions containing it (its cell and every ancestor), a region for the
// points inside it (its covering's leaf ranges); the spans sorted so clients can resume.
bool geo_range(RangeReader& r, Range& out) {
    uint32_t len;
    std::string json;
    if (!r.u32(len) || len == 0 || len >= kMaxGeoJsonKey || !r.bytes(len, json)) return false;
    if (!geo::parse(json, out.shape)) return false;
    if (out.shape.is_point()) {
        for (uint64_t c : geo::point_centers(out.shape.cell)) out.spans.push_back({int64_t(c), int64_t(c)});
    } else {
        std::vector<uint64_t> cells;
        if (!geo::cover(out.shape, geo::kQueryCover, cells)) return false;
        for (uint64_t c : cells) {
            geo::CellRange cr = geo::cell_range(c);
            out.spans.push_back({int64_t(cr.min), int64_t(cr.max)});
        }
    }
    std::stable_sort(out.spans.begin(), out.spans.end(),
                     [](const Range::Span& a, const Range::Span& b) { return uint64_t(a.start) < uint64_t(b.start); });
    out.is_range = true;
    return true;
}

// get_index_context_field(): a normalized, well-formed context list.
bool context_ok(std::string_view ctx) {
    cdt::Value v;
    if (ctx.empty() || !cdt::decode(reinterpret_cast<const uint8_t*>(ctx.data()), ctx.size(), v) || !v.is_list() ||
        v.items.empty() || v.items.size() % 2 != 0)
        return false;
    proto::Buffer again;
    cdt::encode(v, again);
    return std::string_view(reinterpret_cast<const char*>(again.data()), again.size()) == ctx;
}

}  // namespace

bool parse_range(const query::QueryRequest& q, Range& out) {
    RangeReader r(q.range);
    uint8_t n_ranges, bin_len;
    if (!r.u8(n_ranges) || n_ranges != 1 || !r.u8(bin_len)) return false;
    bool named = q.has_index_name || q.has_index_expression;
    if (bin_len == 0 ? !named : (named || bin_len >= kMaxBinNameSize + 1)) return false;
    if (!r.bytes(bin_len, out.bin) || !r.u8(out.ktype)) return false;
    bool ok = false;
    switch (out.ktype) {
    case kParticleInteger: ok = integer_range(r, out); break;
    case kParticleString:
    case kParticleBlob: ok = value_range(r, out); break;
    case kParticleGeoJson: ok = geo_range(r, out); break;
    default: return false;
    }
    if (!ok) return false;
    if (q.has_index_type) {
        if (q.index_type.empty()) return false;
        out.itype = uint8_t(q.index_type[0]);
    }
    if (q.has_index_context) {
        if (q.has_index_name || q.has_index_expression || !context_ok(q.index_context)) return false;
        out.ctx = q.index_context;
    }
    return true;
}

bool IndexSource::matches(const Record& r) const {
    const IndexDef& def = index_->def();
    return any_value(def, r, [&](const cdt::Value& v) {
        std::string_view body = v.raw.empty() ? std::string_view() : std::string_view(v.raw).substr(1);
        switch (def.ktype) {
        case kParticleInteger: return v.type == cdt::Type::kInt && range_.spans[0].start <= v.i && v.i <= range_.spans[0].end;
        case kParticleString: return v.type == cdt::Type::kString && body == range_.value;
        case kParticleBlob:
            return v.type == cdt::Type::kBytes && uint8_t(v.raw[0]) == kParticleBlob && body == range_.value;
        case kParticleGeoJson: {
            geo::Shape shape;
            return v.type == cdt::Type::kGeoJson && geo::parse(body, shape) && geo::matches(shape, range_.shape);
        }
        default: return false;
        }
    });
}

void IndexSource::walk(Namespace& ns, uint32_t pid, const query::Cursor* after, const query::RecordVisit& visit) {
    const SecondaryIndex& si = *index_;
    bool de_dup = range_.is_range && si.def().itype != kDefault;
    ns.with_partition(pid, [&](const Namespace::Finder& find) {
        const std::set<Entry>& entries = si.partition(pid);
        std::optional<Entry> resume;
        if (after) resume = Entry{si.order(after->bval), after->digest};
        for (const Range::Span& span : range_.spans) {
            uint64_t start = si.order(span.start), end = si.order(span.end);
            if (resume && resume->order > end) continue;
            // query_reduce(): resume after the last key when it is inside this span.
            auto it = resume && resume->order >= start ? entries.upper_bound(*resume) : entries.lower_bound(Entry{start, {}});
            while (it != entries.end() && it->order <= end) {
                std::vector<const Entry*> burst;
                for (size_t n = 0; n < kBurst && it != entries.end() && it->order <= end; n++, ++it) {
                    bool repeat = de_dup && std::any_of(burst.begin(), burst.end(),
                                                        [&](const Entry* e) { return e->digest == it->digest; });
                    if (!repeat) burst.push_back(&*it);
                }
                for (const Entry* e : burst) {
                    const Record* r = find(e->digest);
                    if (!r || !matches(*r)) continue;
                    if (!visit(e->digest, *r, si.bval(e->order))) return;
                }
            }
        }
    });
}

}  // namespace aero::server::index
