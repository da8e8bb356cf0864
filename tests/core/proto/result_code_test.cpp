#include "core/proto/result_code.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

namespace aero::proto {
namespace {

TEST(ResultCode, NamesAndMeaningsOfServerCodes) {
    EXPECT_STREQ(result_code_name(2), "AEROSPIKE_ERR_RECORD_NOT_FOUND");
    EXPECT_STREQ(result_code_meaning(2), "record not found");
    EXPECT_STREQ(result_code_name(27), "AEROSPIKE_FILTERED_OUT");
    EXPECT_STREQ(result_code_name(80), "AEROSPIKE_NOT_AUTHENTICATED");
    EXPECT_STREQ(result_code_name(213), "AEROSPIKE_ERR_QUERY");
    EXPECT_EQ(result_code_message(4),
              "server result code 4 (AEROSPIKE_ERR_REQUEST_INVALID): invalid request or parameter");
}

TEST(ResultCode, UnknownCodesSayTheirNumber) {
    for (int code : {0, 30, 99, 214, 255, -2, 1301}) {
        EXPECT_EQ(result_code_name(code), nullptr) << code;
        EXPECT_EQ(result_code_meaning(code), nullptr) << code;
    }
    EXPECT_EQ(result_code_message(240), "server result code 240 (unknown)");
}

// Every code a reply header can carry (a u8) has a name and a meaning, or neither; names are
// unique and follow the official spelling.
TEST(ResultCode, TableIsConsistent) {
    std::set<std::string> names;
    int known = 0;
    for (int code = 0; code <= 255; code++) {
        const char* name = result_code_name(code);
        const char* meaning = result_code_meaning(code);
        EXPECT_EQ(name == nullptr, meaning == nullptr) << code;
        if (name == nullptr) continue;
        known++;
        EXPECT_EQ(std::strncmp(name, "AEROSPIKE_", 10), 0) << name;
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_GT(std::strlen(meaning), 0u) << code;
        EXPECT_EQ(result_code_message(code),
                  "server result code " + std::to_string(code) + " (" + name + "): " + meaning);
    }
    // 1..29, 32, 50..56, 60..66, 70..75, 80..83, 100, 120..127, 150..152, 160, 200..206, 210..213.
    EXPECT_EQ(known, 29 + 1 + 7 + 7 + 6 + 4 + 1 + 8 + 3 + 1 + 7 + 4);
}

}  // namespace
}  // namespace aero::proto
