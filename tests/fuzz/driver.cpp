// A plain fuzz driver for builds without libFuzzer: replays every file given on the command
// line (or found in the directories given), then runs mutations of them. Deterministic, so a
// failure reproduces with the same arguments.
#include <dirent.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Mutations per target, shared by its seed inputs: enough to reach malformed lengths and
// counts in every field of a few seeds. A corpus that libFuzzer grew (up to ~200 inputs)
// already covers the decoder, so each of its inputs gets at least kMinMutationsPerSeed and
// the replay stays a matter of seconds.
constexpr size_t kMutationBudget = 12000;
constexpr size_t kMinMutationsPerSeed = 100;

std::vector<uint8_t> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void collect(const std::string& path, std::vector<std::vector<uint8_t>>& out) {
    if (DIR* dir = opendir(path.c_str())) {
        while (dirent* e = readdir(dir))
            if (e->d_name[0] != '.') collect(path + "/" + e->d_name, out);
        closedir(dir);
        return;
    }
    out.push_back(read_file(path));
}

void mutate(std::vector<uint8_t>& data, std::mt19937& rng) {
    int edits = 1 + int(rng() % 4);
    for (int i = 0; i < edits; i++) {
        switch (rng() % 4) {
        case 0:  // flip a byte
            if (!data.empty()) data[rng() % data.size()] ^= uint8_t(1 + rng() % 255);
            break;
        case 1:  // set a byte to an edge value
            if (!data.empty()) data[rng() % data.size()] = std::vector<uint8_t>{0, 1, 0x7f, 0x80, 0xff}[rng() % 5];
            break;
        case 2:  // cut the tail
            if (!data.empty()) data.resize(rng() % data.size());
            break;
        default:  // insert random bytes
            data.insert(data.begin() + long(data.empty() ? 0 : rng() % data.size()), 1 + rng() % 8, uint8_t(rng()));
            break;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::vector<uint8_t>> seeds;
    for (int i = 1; i < argc; i++) collect(argv[i], seeds);
    if (seeds.empty()) seeds.push_back({});
    for (const auto& s : seeds) LLVMFuzzerTestOneInput(s.data(), s.size());
    std::mt19937 rng(12345);
    size_t runs = 0;
    size_t per_seed = std::max(kMinMutationsPerSeed, kMutationBudget / seeds.size());
    for (const auto& s : seeds) {
        for (size_t i = 0; i < per_seed; i++) {
            std::vector<uint8_t> data = s;
            mutate(data, rng);
            LLVMFuzzerTestOneInput(data.data(), data.size());
            runs++;
        }
    }
    std::printf("%zu seeds, %zu mutated runs, no crash\n", seeds.size(), runs);
    return 0;
}
