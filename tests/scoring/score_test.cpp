// score() on small hand-written records whose answers are known by construction: 100 valid
// requests per 10-second interval for one availability SLO (objective 99%, window 30 days) and
// one traffic source, with chosen intervals failing half of them, plus chosen fault, alert and
// page events. Each test states the expected figure and why.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Event;

constexpr const char* scenario_json =
    R"({"name":"hand","slos":[{"name":"avail","sli":"availability","service":"web",)"
    R"("journey":null,"objective":0.99,"window_ns":2592000000000000,"latency_threshold_ns":0}]})";

Time sec(std::int64_t s) {
  return Time::zero() + seconds(s);
}

// Builds a record: samples every 10 s up to `end_s`, `bad(t)` of 100 requests failing in the
// interval ending at t seconds, and events written in time order among the samples.
class Builder {
 public:
  std::function<std::uint64_t(std::int64_t)> bad = [](std::int64_t) { return 0; };
  std::int64_t end_s = 600;
  bool write_end = true;

  void fault(std::int64_t t, bool start, std::int64_t id = 0) {
    Event e{sec(t), 0, start ? "fault_start" : "fault_end", std::nullopt, {}};
    e.fields = {{"fault", id}, {"fault_kind", std::string("latency")}};
    events_.push_back(e);
  }
  void firing(std::int64_t t, std::int64_t alert, const std::string& severity = "page") {
    Event e{sec(t), 0, "alert_firing", std::nullopt, {}};
    e.fields = {{"alert", alert}, {"severity", severity}, {"value", 2.0}};
    events_.push_back(e);
  }
  void notice(std::int64_t t, const std::string& kind) {
    Event e{sec(t), 0, kind, std::nullopt, {}};
    e.fields = {
        {"alert", std::int64_t{0}}, {"alerts", std::int64_t{1}}, {"group", std::string("web")}};
    events_.push_back(e);
  }

  std::string text() {
    eventlog::RecordWriter w;
    eventlog::Header h;
    h.tool_version = "test";
    h.scenario_name = "hand";
    h.scenario_hash = "fnv1a64:0000000000000000";
    h.duration = seconds(end_s);
    h.sample_interval = seconds(10);
    h.names.services = {"web"};
    h.names.sources = {"users"};
    h.names.slos = {"avail"};
    h.names.faults = {"f0", "f1", "f2"};
    h.names.alerts = {"A0", "A1"};
    h.scenario_json = scenario_json;
    w.header(h);
    std::stable_sort(events_.begin(), events_.end(),
                     [](const Event& a, const Event& b) { return a.t < b.t; });
    std::size_t next = 0;
    for (std::int64_t t = 10; t <= end_s; t += 10) {
      for (; next < events_.size() && events_[next].t <= sec(t); ++next) w.event(events_[next]);
      const std::uint64_t b = bad(t);
      w.sample(eventlog::SloSample{sec(t), 0, SloId::from_index(0), 100, 100 - b});
      eventlog::SourceSample s{sec(t), 0, SourceId::from_index(0), 100, 100 - b, {}, {}};
      s.errors[static_cast<std::size_t>(eventlog::ErrorCause::Downstream)] = b;
      w.sample(s);
    }
    for (; next < events_.size(); ++next) w.event(events_[next]);
    if (write_end) w.end(eventlog::End{sec(end_s), 0, "completed", 1, 6000});
    return w.buffer();
  }

  Scorecard score_it() {
    Diagnostics diags;
    const auto record = eventlog::parse_record(text(), "hand.jsonl", diags);
    EXPECT_TRUE(record.has_value());
    return score(*record);
  }

 private:
  std::vector<Event> events_;
};

// Half the requests fail in the intervals ending in [from, to] seconds.
std::function<std::uint64_t(std::int64_t)> half_bad(std::int64_t from, std::int64_t to) {
  return [=](std::int64_t t) -> std::uint64_t { return t >= from && t <= to ? 50 : 0; };
}

TEST(Score, AlertBeforeImpactGivesANegativeTimeToDetect) {
  Builder b;
  b.bad = half_bad(120, 200);  // 9 intervals, 50 failed each
  b.fault(60, true);
  b.fault(200, false);
  b.firing(90, 0);
  b.notice(100, "page");
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  const Incident& inc = card.incidents[0];
  EXPECT_EQ(inc.fault_start, sec(60));
  EXPECT_EQ(inc.impact_start, sec(120));
  EXPECT_EQ(inc.detection, sec(90));
  EXPECT_EQ(inc.time_to_detect, seconds(-30));
  EXPECT_EQ(inc.time_to_page, seconds(-20));
  // Clean from 210 s; confirmed at 500 s (5 minutes after the last breach), within the record.
  EXPECT_EQ(inc.impact_end, sec(200));
  EXPECT_EQ(inc.time_to_mitigate, seconds(80));
  EXPECT_EQ(inc.recovery, sec(200));
  EXPECT_EQ(inc.time_to_recover, seconds(140));
  EXPECT_EQ(inc.failed_requests, 450u);
  EXPECT_NEAR(inc.user_minutes, 9 * 0.5 * 10.0 / 60, 1e-9);
  EXPECT_DOUBLE_EQ(inc.peak_error_ratio, 0.5);
  ASSERT_EQ(inc.slos.size(), 1u);
  EXPECT_EQ(inc.slos[0].bad, 450u);
  // 10 valid/s over 30 days = 25,920,000 requests; 1% of them is the budget: 259,200.
  EXPECT_NEAR(inc.slos[0].budget_consumed, 450.0 / 259200.0, 1e-12);
  EXPECT_EQ(inc.pages, 1);
  EXPECT_FALSE(inc.acknowledged.has_value());
  ASSERT_EQ(inc.faults[0].detections.size(), 1u);
  EXPECT_EQ(inc.faults[0].detections[0].after_impact_start, seconds(-30));
  EXPECT_NE(format_text(card).find("30s before impact"), std::string::npos);
  EXPECT_TRUE(card.noise.empty());
}

TEST(Score, AFaultNoAlertDetected) {
  Builder b;
  b.bad = half_bad(70, 100);
  b.fault(60, true);
  b.fault(100, false);
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  const Incident& inc = card.incidents[0];
  EXPECT_FALSE(inc.detection.has_value());
  EXPECT_FALSE(inc.time_to_detect.has_value());
  EXPECT_TRUE(inc.faults[0].detections.empty());
  EXPECT_EQ(inc.time_to_mitigate, seconds(30));
  EXPECT_NE(summary_line(card).find("1 fault undetected"), std::string::npos);
  EXPECT_NE(format_text(card).find("no alert detected it"), std::string::npos);
}

TEST(Score, OverlappingFaultsAreOneIncident) {
  Builder b;
  b.end_s = 1500;
  b.bad = half_bad(120, 250);
  b.fault(60, true, 0);
  b.fault(150, true, 1);
  b.fault(200, false, 0);
  b.fault(300, false, 1);
  b.fault(1000, true, 2);  // no impact, far later: a second incident
  b.fault(1100, false, 2);
  b.firing(130, 0);
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.incidents.size(), 2u);
  const Incident& first = card.incidents[0];
  ASSERT_EQ(first.faults.size(), 2u);
  EXPECT_EQ(first.faults[0].name, "f0");
  EXPECT_EQ(first.faults[1].name, "f1");
  EXPECT_EQ(first.impact_start, sec(120));
  EXPECT_EQ(first.impact_end, sec(250));
  EXPECT_EQ(first.recovery, sec(300));  // the later fault's end
  EXPECT_EQ(first.time_to_recover, seconds(240));
  EXPECT_EQ(first.failed_requests, 14u * 50u);
  // f1 started after the alert fired: it has no detection of its own.
  EXPECT_EQ(first.faults[0].detections.size(), 1u);
  EXPECT_TRUE(first.faults[1].detections.empty());
  const Incident& second = card.incidents[1];
  EXPECT_EQ(second.number, 2);
  EXPECT_FALSE(second.impact_start.has_value());
  EXPECT_EQ(second.recovery, sec(1100));
  EXPECT_EQ(second.failed_requests, 0u);
}

TEST(Score, ARunThatEndsBeforeRecoveryReportsWhatIsKnown) {
  Builder b;
  b.end_s = 300;
  b.bad = half_bad(120, 1000);
  b.fault(60, true);  // never ends
  b.firing(150, 0);
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  const Incident& inc = card.incidents[0];
  EXPECT_EQ(inc.time_to_detect, seconds(30));
  EXPECT_FALSE(inc.impact_end.has_value());
  EXPECT_FALSE(inc.recovery.has_value());
  EXPECT_FALSE(inc.time_to_mitigate.has_value());
  EXPECT_FALSE(inc.time_to_recover.has_value());
  EXPECT_EQ(inc.failed_requests, 19u * 50u);  // intervals ending 120..300 s
  EXPECT_NE(format_text(card).find("not reached before the run ended"), std::string::npos);
  EXPECT_NE(format_json(card).find("\"impact_end_ns\": null"), std::string::npos);
}

TEST(Score, ImpactThatEndsTooCloseToTheRecordEndIsNotConfirmed) {
  Builder b;
  b.end_s = 400;
  b.bad = half_bad(120, 200);  // clean from 210 s, but 5 minutes clean needs 500 s
  b.fault(60, true);
  b.fault(200, false);
  const Incident inc = b.score_it().incidents.at(0);
  EXPECT_FALSE(inc.impact_end.has_value());
  EXPECT_FALSE(inc.recovery.has_value());
}

TEST(Score, ATruncatedRecordIsScoredUpToItsLastCompleteLine) {
  Builder b;
  b.write_end = false;
  b.bad = half_bad(120, 600);
  b.fault(60, true);
  std::string text = b.text();
  text.resize(text.size() - 20);  // cut the last line in half
  Diagnostics diags;
  const auto record = eventlog::parse_record(text, "cut.jsonl", diags);
  ASSERT_TRUE(record.has_value());
  const Scorecard card = score(*record);
  EXPECT_FALSE(card.end_reason.has_value());
  ASSERT_FALSE(card.notes.empty());
  EXPECT_NE(card.notes[0].find("no end line"), std::string::npos);
  ASSERT_EQ(card.incidents.size(), 1u);
  EXPECT_FALSE(card.incidents[0].recovery.has_value());
  EXPECT_FALSE(diags.empty());  // the reader warned about the truncated line
  EXPECT_LE(card.record_end, sec(600));
}

TEST(Score, AnAlertWithNoFaultAndNoImpactIsNoise) {
  Builder b;
  b.end_s = 1500;
  b.bad = half_bad(120, 150);
  b.fault(100, true);
  b.fault(150, false);
  b.firing(130, 0);             // detects the fault
  b.firing(1200, 1, "ticket");  // nothing going on
  b.notice(1230, "ticket");
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.noise.size(), 1u);
  EXPECT_EQ(card.noise[0].alert, "A1");
  EXPECT_EQ(card.noise[0].fired, sec(1200));
  EXPECT_EQ(card.tickets, 1);
  EXPECT_EQ(card.incidents.at(0).tickets, 0);
  EXPECT_NE(summary_line(card).find("1 noise alert"), std::string::npos);
}

TEST(Score, NoFaultsMeansNoIncidents) {
  Builder b;
  const Scorecard card = b.score_it();
  EXPECT_TRUE(card.incidents.empty());
  EXPECT_EQ(summary_line(card), "no incidents: 0 pages, 0 tickets; no noise alerts");
  EXPECT_NE(format_json(card).find("\"scorecard_version\": 1"), std::string::npos);
}

TEST(Compare, DifferencesAgainstTheFirstRun) {
  Builder fast;
  fast.bad = half_bad(120, 200);
  fast.fault(60, true);
  fast.fault(200, false);
  fast.firing(130, 0);
  Builder late;
  late.bad = half_bad(120, 260);
  late.fault(60, true);
  late.fault(260, false);
  late.firing(170, 0);
  const std::string table =
      format_comparison({{"fast", fast.score_it()}, {"late", late.score_it()}});
  EXPECT_NE(table.find("time to detect"), std::string::npos);
  EXPECT_NE(table.find("10s"), std::string::npos);
  EXPECT_NE(table.find("50s (+40s)"), std::string::npos);
  EXPECT_NE(table.find("450"), std::string::npos);
  EXPECT_NE(table.find("750 (+300)"), std::string::npos);
}

}  // namespace
}  // namespace gameday::scoring
