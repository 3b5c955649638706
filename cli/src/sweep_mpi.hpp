// A sweep over MPI ranks (`mpirun -n R gameday sweep PLAN --mpi`): each rank runs its shard,
// then rank 0 gathers every rank's rows. Only built when CMake finds MPI (GAMEDAY_HAVE_MPI);
// MPI stays out of every other file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gameday::cli {

struct MpiWorld {
  int rank = 0;
  int size = 1;
};

// MPI_Init; nullopt with the reason when it fails.
std::optional<MpiWorld> mpi_start(std::string& error);
// Every rank's `mine` at rank 0, in rank order (other ranks get nothing), and the largest of
// the ranks' exit codes everywhere.
std::vector<std::string> mpi_gather(const std::string& mine, int code, int& worst_code);
void mpi_finish();

}  // namespace gameday::cli
