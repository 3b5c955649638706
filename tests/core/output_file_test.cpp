// Creating output files without following links: a link at the path is refused and what it
// points to is untouched; whole files appear complete or not at all, with no temporary left; a
// file that must be new is never replaced; files written as they grow must be regular files.
#include "gameday/core/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gameday {
namespace {

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gameday-output-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  // A file and a link to it named `link`.
  void plant(const std::string& link) {
    std::ofstream(path("victim")) << "keep";
    fs::create_symlink(path("victim"), path(link));
  }

  fs::path dir_;
};

TEST_F(OutputFileTest, WritesANewFileAndReplacesAnOldOne) {
  ASSERT_TRUE(write_file(path("a.md"), "first").ok());
  EXPECT_EQ(read(path("a.md")), "first");
  ASSERT_TRUE(write_file(path("a.md"), "second").ok());
  EXPECT_EQ(read(path("a.md")), "second");
  EXPECT_EQ(names(), std::vector<std::string>{"a.md"});
}

// mkstemp makes 0600 files; a renamed temporary gets 0666 less the umask, as from open(2).
TEST_F(OutputFileTest, ANewFileHasTheModeOpenWouldGiveIt) {
  ASSERT_TRUE(write_file(path("a.md"), "x").ok());
  std::ofstream(path("b.md")) << "x";
  struct stat a {
  }, b{};
  ASSERT_EQ(::stat(path("a.md").c_str(), &a), 0);
  ASSERT_EQ(::stat(path("b.md").c_str(), &b), 0);
  EXPECT_EQ(a.st_mode & 0777, b.st_mode & 0777);
}

TEST_F(OutputFileTest, ALinkIsRefusedAndItsTargetKept) {
  plant("a.md");
  const FileResult r = write_file(path("a.md"), "overwritten");
  EXPECT_EQ(r.problem, FileProblem::IsLink);
  EXPECT_NE(r.message.find("is a symbolic link"), std::string::npos) << r.message;
  EXPECT_EQ(read(path("victim")), "keep");
  EXPECT_TRUE(fs::is_symlink(path("a.md")));
  EXPECT_EQ(names(), (std::vector<std::string>{"a.md", "victim"}));
  // A dangling link, which a plain open would create its target through, too.
  fs::create_symlink(path("nowhere"), path("b.md"));
  EXPECT_EQ(write_file(path("b.md"), "x").problem, FileProblem::IsLink);
  EXPECT_FALSE(fs::exists(path("nowhere")));
}

TEST_F(OutputFileTest, ReplaceNeverKeepsWhatIsThere) {
  std::ofstream(path("a.yaml")) << "mine";
  EXPECT_EQ(write_file(path("a.yaml"), "new", Replace::Never).problem, FileProblem::Exists);
  EXPECT_EQ(read(path("a.yaml")), "mine");
  plant("b.yaml");
  EXPECT_EQ(write_file(path("b.yaml"), "new", Replace::Never).problem, FileProblem::Exists);
  EXPECT_EQ(read(path("victim")), "keep");
  ASSERT_TRUE(write_file(path("c.yaml"), "new", Replace::Never).ok());
  EXPECT_EQ(read(path("c.yaml")), "new");
  EXPECT_EQ(names(), (std::vector<std::string>{"a.yaml", "b.yaml", "c.yaml", "victim"}));
}

// The temporary sits beside the target, keeps its extension (SFML picks a format by it) and is
// created fresh, so a link planted under a guessable name cannot be written through.
TEST_F(OutputFileTest, ThePendingFileIsBesideTheTargetAndGoneUnlessCommitted) {
  {
    PendingFile f;
    ASSERT_TRUE(f.create(path("frame.png")).ok());
    const fs::path temp(f.path());
    EXPECT_EQ(temp.parent_path(), dir_);
    EXPECT_EQ(temp.extension(), ".png");
    EXPECT_EQ(temp.filename().string().rfind("frame.partial-", 0), 0u) << temp;
    EXPECT_FALSE(fs::is_symlink(temp));
    EXPECT_TRUE(fs::exists(temp));
  }
  EXPECT_TRUE(names().empty());
  PendingFile f;
  ASSERT_TRUE(f.create(path("frame.png")).ok());
  ASSERT_TRUE(f.write("pixels").ok());
  // A link planted after the temporary was made is refused at the rename too.
  plant("frame.png");
  EXPECT_EQ(f.commit().problem, FileProblem::IsLink);
  EXPECT_EQ(read(path("victim")), "keep");
  EXPECT_EQ(names(), (std::vector<std::string>{"frame.png", "victim"}));
}

TEST_F(OutputFileTest, AMissingFolderIsAFailureNamingThePath) {
  const FileResult r = write_file(path("no/such/a.md"), "x");
  EXPECT_EQ(r.problem, FileProblem::Failed);
  EXPECT_NE(r.message.find("no/such/a.md"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("No such file or directory"), std::string::npos) << r.message;
}

TEST_F(OutputFileTest, AGrowingFileIsOpenedWithoutFollowingALink) {
  plant("events.jsonl");
  FileResult r;
  EXPECT_EQ(open_output_stream(path("events.jsonl"), OpenMode::Truncate, r), nullptr);
  EXPECT_EQ(r.problem, FileProblem::IsLink);
  EXPECT_EQ(open_output(path("events.jsonl"), OpenMode::Append, r), -1);
  EXPECT_EQ(r.problem, FileProblem::IsLink);
  EXPECT_EQ(read(path("victim")), "keep");

  std::FILE* f = open_output_stream(path("log"), OpenMode::Truncate, r);
  ASSERT_NE(f, nullptr) << r.message;
  std::fputs("one\n", f);
  std::fclose(f);
  f = open_output_stream(path("log"), OpenMode::Append, r);
  ASSERT_NE(f, nullptr) << r.message;
  std::fputs("two\n", f);
  std::fclose(f);
  EXPECT_EQ(read(path("log")), "one\ntwo\n");
}

// A FIFO would block the opener until someone reads it: refused at once instead.
TEST_F(OutputFileTest, AGrowingFileMustBeARegularFile) {
  ASSERT_EQ(::mkfifo(path("events.jsonl").c_str(), 0600), 0);
  FileResult r;
  EXPECT_EQ(open_output(path("events.jsonl"), OpenMode::Truncate, r), -1);
  EXPECT_EQ(r.problem, FileProblem::Failed);
  EXPECT_NE(r.message.find("not a regular file"), std::string::npos) << r.message;
  EXPECT_EQ(open_output(dir_.string(), OpenMode::Truncate, r), -1);
  EXPECT_EQ(r.problem, FileProblem::Failed);
}

}  // namespace
}  // namespace gameday
