// The result codes the dispatcher, the contexts and the list ops answer with.
#pragma once

namespace aero::server::cdt::rc {

constexpr int kOk = 0;
constexpr int kParameter = 4;
constexpr int kIncompatibleType = 12;
constexpr int kRecordTooBig = 13;
constexpr int kElementNotFound = 23;
constexpr int kElementExists = 24;
constexpr int kOpNotApplicable = 26;

}  // namespace aero::server::cdt::rc
