// BenchClients: the same loopback stream read by three clients, each run to its end: Keel's
// core pipeline (`keel ask` to /dev/null), `curl -N` to /dev/null (the floor: reading the
// socket and nothing else) and the official openai npm SDK iterating the stream. Figures per
// client, median of the runs: tokens/s over the wall time of the whole process (its start
// included) and its CPU time (user + system, every thread; the server's is not counted) per MB
// of response body.
#pragma once

#include "BenchReport.h"

namespace keel::bench {

Section measureClients(const BenchConfig& config);

} // namespace keel::bench
