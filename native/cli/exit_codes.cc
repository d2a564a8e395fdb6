#include "exit_codes.h"

namespace sparkdx::cli {
namespace {

// Higher is worse. A violated budget outranks an inconclusive one: the gate
// failed for sure, whatever the budgets that could not be judged say.
int Rank(int code) {
  switch (code) {
    case 6: return 6;
    case 5: return 5;
    case 4: return 4;
    case 1: return 3;
    case 3: return 2;
    case 0: return 0;
    default: return 1;  // 2 (usage) ends the command before any input is read
  }
}

}  // namespace

int WorstExit(int a, int b) { return Rank(b) > Rank(a) ? b : a; }

}  // namespace sparkdx::cli
