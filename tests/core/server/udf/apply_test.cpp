// Record UDFs through the AS_MSG path of a ServerContext: registration by info, then apply
// requests as a client sends them.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "core/proto/info.h"
#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"
#include "core/server/info_handler.h"
#include "core/server/rw_handler.h"
#include "core/server/udf/base64.h"
#include "tests/core/server/wire_ops.h"

namespace aero::server {
namespace {

using namespace aero::proto;

constexpr const char* kModule = R"(function put(rec, v)
  rec['v'] = v
  if aerospike:exists(rec) then aerospike:update(rec) else aerospike:create(rec) end
  return rec['v']
end
function fail_after_write(rec)
  rec['v'] = 'changed'
  aerospike:update(rec)
  error('boom')
end
function spin(rec)
  while true do end
end
function calls(rec)
  n = (n or 0) + 1
  return n
end
)";

struct Answer {
    uint8_t result = 0;
    uint32_t generation = 0;
    std::string bin_name;
    uint8_t particle = 0;
    std::string value;
};

class UdfApply : public ::testing::Test {
protected:
    static ServerConfig config() {
        ServerConfig cfg;
        cfg.udf_time_limit_ms = 200;
        return cfg;
    }

    std::string info(const std::string& command) {
        auto pairs = parse_info_response(handle_info(ctx, command + "\n"));
        return pairs.empty() ? std::string() : pairs[0].second;
    }

    std::string put_module(const std::string& name, const std::string& source) {
        std::string b64 = udf::base64_encode(source);
        return info("udf-put:filename=" + name + ";content=" + b64 + ";content-len=" + std::to_string(b64.size()) + ";");
    }

    Answer apply(const Digest& d, const std::string& function, const Buffer& args, uint8_t info2 = 0) {
        Buffer req;
        MessageWriter w(req);
        MsgHeader h;
        h.info2 = kInfo2Write | info2;
        w.begin(h);
        w.field(kFieldNamespace, "test");
        w.field(kFieldSet, "demo");
        w.field(kFieldDigest, d.data(), d.size());
        w.field(kFieldUdfFilename, "m");
        w.field(kFieldUdfFunction, function);
        w.field(kFieldUdfArgList, args.data(), args.size());
        w.finish();
        Buffer out;
        RecordRunner run = [this](const RwContext& c, Response& r) { run_record_or_udf_command(c, r, ctx.udf.get()); };
        handle_message(ctx.storage, req.data() + kProtoHeaderSize, req.size() - kProtoHeaderSize, out, {}, run);
        MessageView v;
        EXPECT_TRUE(v.parse(out.data() + kProtoHeaderSize, out.size() - kProtoHeaderSize).is_ok());
        Answer a{v.header().result_code, v.header().generation, {}, 0, {}};
        OpView op;
        if (v.header().n_ops == 1 && v.next_op(op)) {
            a.bin_name = std::string(op.name);
            a.particle = op.particle;
            a.value.assign(reinterpret_cast<const char*>(op.value), op.value_size);
        }
        return a;
    }

    static Buffer int_args(int64_t v) {
        Buffer b;
        msgpack::pack_array_header(b, 1);
        msgpack::pack_int(b, v);
        return b;
    }

    static Buffer no_args() { return Buffer{0x90}; }

    void SetUp() override { ASSERT_EQ(put_module("m.lua", kModule), "ok"); }

    ServerContext ctx{config(), 4000};
    Digest digest{};
};

TEST_F(UdfApply, WritesAndAnswersTheReturnValue) {
    Answer a = apply(digest, "put", int_args(7));
    EXPECT_EQ(a.result, 0);
    EXPECT_EQ(a.generation, 1u);
    EXPECT_EQ(a.bin_name, "SUCCESS");
    EXPECT_EQ(a.particle, kParticleInteger);
    EXPECT_EQ(a.value, wire::be64(7));
    EXPECT_EQ(apply(digest, "put", int_args(8)).generation, 2u);
}

TEST_F(UdfApply, AnErrorLeavesTheRecordUntouched) {
    ASSERT_EQ(apply(digest, "put", int_args(1)).result, 0);
    Answer a = apply(digest, "fail_after_write", no_args());
    EXPECT_EQ(a.result, 100);
    EXPECT_EQ(a.bin_name, "FAILURE");
    EXPECT_EQ(a.value, ctx.udf->dir() + "/m.lua:9: boom");
    Answer again = apply(digest, "put", int_args(2));
    EXPECT_EQ(again.generation, 2u);  // the failed call wrote nothing
}

TEST_F(UdfApply, MissingModulesAndFunctionsFail) {
    Answer a = apply(digest, "nope", no_args());
    EXPECT_EQ(a.result, 100);
    EXPECT_EQ(a.value, "function not found");
    ASSERT_EQ(info("udf-remove:filename=m.lua"), "ok");
    EXPECT_EQ(apply(digest, "put", int_args(1)).value, "UDF: Execution Error 1");
}

TEST_F(UdfApply, PoliciesAUdfRefuses) {
    EXPECT_EQ(apply(digest, "put", int_args(1), kInfo2CreateOnly).result, 4);
    EXPECT_EQ(apply(digest, "put", int_args(1), kInfo2Generation).result, 4);
}

TEST_F(UdfApply, TheTimeLimitStopsARunawayUdf) {
    Answer a = apply(digest, "spin", no_args());
    EXPECT_EQ(a.result, 100);
    EXPECT_NE(a.value.find("UDF Execution Timeout"), std::string::npos) << a.value;
}

TEST_F(UdfApply, StatesAreReusedUntilTheModuleChanges) {
    EXPECT_EQ(apply(digest, "calls", no_args()).value, wire::be64(1));
    EXPECT_EQ(apply(digest, "calls", no_args()).value, wire::be64(2));
    ASSERT_EQ(put_module("m.lua", std::string(kModule) + "\n"), "ok");
    EXPECT_EQ(apply(digest, "calls", no_args()).value, wire::be64(1));
}

TEST_F(UdfApply, ConcurrentCallsEachGetAState) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; t++) {
        threads.emplace_back([&, t] {
            Digest d{};
            d[0] = uint8_t(t + 1);
            for (int i = 0; i < 50; i++)
                if (apply(d, "put", int_args(i)).result == 0) ok++;
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 200);
}

TEST(UdfInfo, CompileErrorsNameFileLineAndMessage) {
    ServerContext ctx{ServerConfig{}, 4000};
    std::string b64 = udf::base64_encode("local x = = 1\n");
    std::string reply = handle_info(ctx, "udf-put:filename=bad.lua;content=" + b64 + ";content-len=" +
                                             std::to_string(b64.size()) + "\n");
    EXPECT_NE(reply.find("\terror=compile_error;file=bad.lua;line=1;message=" +
                         udf::base64_encode("unexpected symbol near '='")),
              std::string::npos)
        << reply;
    EXPECT_NE(handle_info(ctx, "udf-put:filename=x;content=QQ==;content-len=4\n").find("\terror=invalid_filename"),
              std::string::npos);
    EXPECT_NE(handle_info(ctx, "udf-put:filename=x.lua;content=QQ==;content-len=3\n").find("\terror=invalid_content_len"),
              std::string::npos);
    EXPECT_NE(handle_info(ctx, "udf-put:filename=x.lua;content=QQ=A;content-len=4\n").find("\terror=invalid_base64_content"),
              std::string::npos);
}

TEST(UdfInfo, ANameWithASlashIsNeverWrittenOutsideTheDirectory) {
    ServerContext ctx{ServerConfig{}, 4000};
    std::string b64 = udf::base64_encode("function f(rec) return 1 end");
    std::string reply = handle_info(ctx, "udf-put:filename=x/../../escape.lua;content=" + b64 + ";content-len=" +
                                             std::to_string(b64.size()) + "\n");
    EXPECT_NE(reply.find("\tok"), std::string::npos) << reply;
    EXPECT_NE(handle_info(ctx, "udf-list\n").find("filename=x/../../escape.lua,"), std::string::npos);
    std::string parent = ctx.udf->dir().substr(0, ctx.udf->dir().rfind('/'));
    EXPECT_FALSE(std::ifstream(parent + "/escape.lua").good());
}

TEST(UdfBase64, DecodesOnlyStrictBase64) {
    EXPECT_EQ(udf::base64_decode("QUJD").value(), "ABC");
    EXPECT_EQ(udf::base64_decode("QQ==").value(), "A");
    EXPECT_FALSE(udf::base64_decode("").has_value());
    EXPECT_FALSE(udf::base64_decode("QQ=").has_value());
    EXPECT_FALSE(udf::base64_decode("Q===").has_value());
    EXPECT_FALSE(udf::base64_decode("Q!==").has_value());
    EXPECT_EQ(udf::base64_encode("ABC"), "QUJD");
}

}  // namespace
}  // namespace aero::server
