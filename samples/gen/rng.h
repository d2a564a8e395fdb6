// Rng: the generator's only source of variation. Integer-only on purpose:
// no floating point, no <random> distributions and no libm, so a seed gives
// the same numbers with every compiler, libc and CPU (FMA contraction or a
// different exp() would otherwise change a rounded value somewhere and the
// committed samples would drift).
#ifndef SPARKDX_SAMPLES_GEN_RNG_H_
#define SPARKDX_SAMPLES_GEN_RNG_H_

#include <cstdint>

namespace sparkdx::samples {

class Rng {
 public:
  // splitmix64 seeding of xoshiro256**.
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : state_) {
      x += 0x9e3779b97f4a7c15ull;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      s = z ^ (z >> 31);
    }
  }

  uint64_t Next() {
    uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [lo, hi], both inclusive; lo when hi <= lo.
  int64_t Range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }

  // True with probability permille / 1000.
  bool Chance(int64_t permille) { return Range(0, 999) < permille; }

  // `median` scaled by a factor in [1 - spread, 1 + spread] (spread in
  // permille), triangular around 1: most values near the median, none
  // beyond the bounds. Never below 0.
  int64_t Jitter(int64_t median, int64_t spread_permille) {
    return Scale(median, 1000 + JitterPermille(spread_permille), 1000);
  }

  // The factor Jitter applies, minus 1000: in [-spread, +spread].
  int64_t JitterPermille(int64_t spread_permille) {
    return (Range(-spread_permille, spread_permille) + Range(-spread_permille, spread_permille)) / 2;
  }

  // value * num / den without overflow for the magnitudes used here (bytes
  // up to petabytes times factors up to a few thousand).
  static int64_t Scale(int64_t value, int64_t num, int64_t den) {
    __int128 product = static_cast<__int128>(value) * num;
    int64_t result = static_cast<int64_t>(product / den);
    return result < 0 ? 0 : result;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_RNG_H_
