// score() on small hand-written records whose answers are known by construction: 100 valid
// requests per 10-second interval for one availability SLO (objective 99%, window 30 days) and
// one traffic source, with chosen intervals failing half of them, plus chosen fault, alert,
// page, responder command and action-effect events. Each test states the expected figure and
// why.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "record_builder.hpp"

namespace gameday::scoring {
namespace {

using fixture::Builder;
using fixture::by_the_book;
using fixture::half_bad;
using fixture::sec;

TEST(Score, AlertBeforeImpactGivesANegativeTimeToDetect) {
  Builder b;
  b.bad = half_bad(120, 200);  // 9 intervals, 50 failed each
  b.fault(60, true);
  b.fault(200, false);
  b.firing(90, 0);
  b.notice(100, eventlog::EventKind::Page);
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
  EXPECT_EQ(*inc.impact_end - *inc.impact_start, seconds(80));
  EXPECT_FALSE(inc.time_to_mitigate.has_value());  // it ended on its own
  EXPECT_NE(format_text(card).find("none: the impact ended on its own"), std::string::npos);
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

// Saying it is over while users still fail is flagged, with the figures then; the same words
// once the SLIs are back, or a hedged update, are not.
TEST(Score, AllClearsSaidWhileUsersStillFailAreFlagged) {
  Builder b;
  b.responders = "commands";
  b.bad = half_bad(120, 300);
  b.fault(60, true);
  b.fault(290, false);
  b.command(200, "dave", "mitigated");
  b.command(210, "carol", "update Orders are working again");
  b.command(220, "carol", "update Not resolved yet; still investigating");
  b.command(400, "dave", "resolve");
  b.command(410, "carol", "update Resolved: orders are back to normal");
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  const auto& flagged = card.incidents[0].false_all_clears;
  ASSERT_EQ(flagged.size(), 2u);
  EXPECT_EQ(flagged[0].at, sec(200));
  EXPECT_EQ(flagged[0].text, "mitigated");
  EXPECT_EQ(flagged[0].slo, "avail");
  EXPECT_DOUBLE_EQ(flagged[0].bad_share, 0.5);
  EXPECT_EQ(flagged[1].responder, "carol");
  EXPECT_EQ(flagged[1].text, "update Orders are working again");
  EXPECT_NE(format_text(card).find("false all-clears"), std::string::npos);
  EXPECT_NE(format_json(card).find("\"false_all_clears\""), std::string::npos);
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
  // Nobody acted: the impact (30 s) ended on its own, and there is no time to mitigate.
  EXPECT_EQ(*inc.impact_end - *inc.impact_start, seconds(30));
  EXPECT_FALSE(inc.time_to_mitigate.has_value());
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
  b.firing(130, 0);                            // detects the fault
  b.firing(1200, 1, model::Severity::Ticket);  // nothing going on
  b.notice(1230, eventlog::EventKind::Ticket);
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
  EXPECT_NE(format_json(card).find("\"scorecard_version\": 2"), std::string::npos);
}

TEST(Response, MilestonesFromCommands) {
  const Scorecard card = by_the_book().score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  const Incident& inc = card.incidents[0];
  EXPECT_EQ(inc.acknowledged, sec(130));
  EXPECT_EQ(inc.time_to_acknowledge, seconds(30));  // from the page at 100 s
  EXPECT_EQ(inc.declared, sec(140));
  EXPECT_EQ(inc.severity, "SEV2");
  EXPECT_EQ(inc.time_to_declare, seconds(20));  // impact began with the interval ending 120 s
  EXPECT_EQ(inc.detection, sec(90));            // the alert came before the declaration
  EXPECT_EQ(inc.impact_end, sec(200));
  EXPECT_EQ(inc.mitigated_by_action, sec(200));  // the failover's effect, the last before 200 s
  EXPECT_EQ(inc.mitigating_action, "failover web");
  EXPECT_EQ(inc.mitigating_role, "operations");
  EXPECT_EQ(inc.marked_mitigated, sec(260));
  EXPECT_EQ(inc.resolved, sec(500));
  EXPECT_EQ(inc.commands, 8);
  EXPECT_EQ(card.commands, 8);
  EXPECT_TRUE(inc.rejected.empty());
}

TEST(Response, RolesCommanderUpdatesAndHandoffs) {
  const Incident inc = by_the_book().score_it().incidents.at(0);
  const Process& p = inc.process;
  ASSERT_EQ(p.roles.size(), 4u);
  EXPECT_EQ(p.roles[0].role, "incident_commander");
  EXPECT_EQ(p.roles[0].filled, sec(150));
  EXPECT_EQ(p.roles[0].holder, "alice");
  EXPECT_EQ(p.roles[1].filled, sec(160));
  EXPECT_EQ(p.roles[1].holder, "bob");
  EXPECT_FALSE(p.roles[2].filled.has_value());
  ASSERT_EQ(p.role_changes.size(), 2u);
  EXPECT_TRUE(p.role_changes[0].self);
  EXPECT_FALSE(p.role_changes[1].self);
  EXPECT_EQ(p.role_changes[1].given_by, "incident_commander");
  EXPECT_EQ(p.role_changes[1].acknowledged, sec(170));  // bob's failover
  EXPECT_EQ(p.handoffs, 0);  // roles were given, none passed from one holder to another
  EXPECT_TRUE(p.commander);
  EXPECT_TRUE(p.commander_actions.empty());
  // Declared at 140 s; updates at 180 s (40 s later, within 5m), then resolved at 500 s
  // (5m20s later, within 20m).
  EXPECT_EQ(p.updates.count, 1);
  EXPECT_EQ(p.updates.first_after_declaration, seconds(40));
  EXPECT_EQ(p.updates.late, 0);
  EXPECT_EQ(p.updates.longest_gap, seconds(320));
  EXPECT_EQ(p.updates.on_cadence, true);
  const std::string text = format_text(by_the_book().score_it());
  EXPECT_NE(text.find("the incident_commander role issued no actions (it coordinated)"),
            std::string::npos)
      << text;
}

TEST(Response, AnActionThatHelpedEndedTheFault) {
  const Incident inc = by_the_book().score_it().incidents.at(0);
  ASSERT_EQ(inc.actions.size(), 1u);
  const ResponderAction& a = inc.actions[0];
  EXPECT_EQ(a.action, "failover web");
  EXPECT_EQ(a.role, "operations");
  EXPECT_EQ(a.command_at, sec(170));
  EXPECT_EQ(a.effect_at, sec(200));
  ASSERT_EQ(a.ended_faults.size(), 1u);
  EXPECT_EQ(a.ended_faults[0], "f0");
  // Before: the minute before the command, intervals ending 120..170 s, all failing half.
  // While it took effect: intervals ending 180..200 s, failing half. After: 210..500 s, clean.
  ASSERT_EQ(a.slos.size(), 1u);
  EXPECT_DOUBLE_EQ(*a.slos[0].before, 0.5);
  EXPECT_DOUBLE_EQ(*a.slos[0].during, 0.5);
  EXPECT_DOUBLE_EQ(*a.slos[0].after, 0.0);
  EXPECT_EQ(a.verdict, "helped");
}

TEST(Response, TheCommanderOperatingAHandoffLateUpdatesAndARejectedCommand) {
  Builder b;
  b.responders = "commands";
  b.end_s = 1800;
  b.bad = half_bad(120, 300);
  b.fault(60, true);
  b.fault(300, false);
  b.firing(100, 0);
  b.notice(100, eventlog::EventKind::Page);
  b.command(100, "alice", "role incident_commander alice");
  b.command(110, "alice", "declare SEV3", "incident_commander");
  b.command(130, "alice", "restart web", "incident_commander");
  b.command(150, "alice", "restart wbe", "incident_commander",
            "restart: unknown service 'wbe' (did you mean 'web'?)");
  b.command(600, "alice", "role incident_commander bob", "incident_commander");
  b.command(650, "bob", "status", "incident_commander");
  b.command(700, "bob", "role scribe dave", "incident_commander");  // dave never types
  b.command(1700, "bob", "resolve", "incident_commander");
  const Scorecard card = b.score_it();
  const Incident& inc = card.incidents.at(0);
  const Process& p = inc.process;
  EXPECT_FALSE(inc.acknowledged.has_value());
  EXPECT_FALSE(inc.time_to_acknowledge.has_value());
  ASSERT_EQ(p.commander_actions.size(), 1u);
  EXPECT_EQ(p.commander_actions[0], "restart web");
  EXPECT_EQ(p.handoffs, 1);
  EXPECT_EQ(p.handoffs_acknowledged, 1);
  ASSERT_EQ(p.role_changes.size(), 3u);
  EXPECT_EQ(p.role_changes[1].previous, "alice");
  EXPECT_EQ(p.role_changes[1].acknowledged, sec(650));
  EXPECT_FALSE(p.role_changes[2].acknowledged.has_value());
  // No update at all: the one stretch, 110 s to 1700 s, is longer than 5 minutes.
  EXPECT_EQ(p.updates.count, 0);
  EXPECT_EQ(p.updates.late, 1);
  EXPECT_EQ(p.updates.on_cadence, false);
  ASSERT_EQ(inc.rejected.size(), 1u);
  EXPECT_EQ(inc.rejected[0].text, "restart wbe");
  EXPECT_EQ(card.rejected_commands, 1);
  // The restart has no action_effect line: it had not taken effect when the record ended.
  ASSERT_EQ(inc.actions.size(), 1u);
  EXPECT_EQ(inc.actions[0].verdict, "not in effect");
  EXPECT_FALSE(inc.mitigated_by_action.has_value());
  const std::string summary = summary_line(card);
  EXPECT_NE(summary.find("1 action (0 helped)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("1 rejected command"), std::string::npos) << summary;
  const std::string text = format_text(card);
  EXPECT_NE(text.find("the incident_commander role issued 1 action: restart web"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("incident_commander handed over from alice to bob at 10m, given by the "
                      "incident_commander; acknowledged at 10m50s"),
            std::string::npos)
      << text;
}

TEST(Response, UpdatesOnACadenceFromTheScenarioOrTheOptions) {
  Builder b;
  b.responders = "commands";
  b.end_s = 3600;
  b.bad = half_bad(120, 200);
  b.fault(60, true);
  b.fault(200, false);
  b.command(100, "alice", "declare SEV2");
  b.command(300, "alice", "update one");   // 3m20s after the declaration
  b.command(1500, "alice", "update two");  // 20m later
  b.command(3000, "alice", "resolve");     // 25m later: one stretch too long
  Incident inc = b.score_it().incidents.at(0);
  EXPECT_EQ(inc.process.updates.late, 1);
  EXPECT_EQ(inc.process.updates.longest_gap, seconds(1500));
  ScoreOptions o;
  o.update_first = minutes(2);
  o.update_every = minutes(30);
  inc = b.score_it(o).incidents.at(0);
  EXPECT_EQ(inc.process.updates.first_within, minutes(2));
  EXPECT_EQ(inc.process.updates.late, 1);  // now the first one is late, the last is not
  // The scenario's scoring.targets set the cadence too, and make it a target.
  b.targets.status_update_first = minutes(5);
  b.targets.status_update_every = minutes(30);
  const Scorecard card = b.score_it();
  inc = card.incidents.at(0);
  EXPECT_EQ(inc.process.updates.every, minutes(30));
  EXPECT_EQ(inc.process.updates.late, 0);
  ASSERT_EQ(card.targets.size(), 1u);
  EXPECT_EQ(card.targets[0].name, "status_updates");
  EXPECT_EQ(card.targets[0].met, true);
}

TEST(Response, ActionsAfterWhichTheSlisGotWorse) {
  Builder b;
  b.responders = "commands";
  b.end_s = 1500;
  b.bad = [](std::int64_t t) -> std::uint64_t {
    if (t >= 120 && t <= 300) return 2;  // out of objective (1%), mildly
    if (t > 300 && t <= 500) return 40;  // far worse after the shed took effect
    if (t > 700 && t <= 730) return 50;  // while a restart took an instance down
    return 0;
  };
  b.fault(60, true);
  b.fault(500, false);
  const int shed = b.command(280, "bob", "shed users 40%", "operations");
  b.effect(300, shed, "shed users 40%");
  const int restart = b.command(700, "bob", "restart web-1", "operations");
  b.effect(730, restart, "restart web-1");
  const Incident inc = b.score_it().incidents.at(0);
  ASSERT_EQ(inc.actions.size(), 2u);
  EXPECT_EQ(inc.actions[0].verdict, "made it worse");
  // Before: intervals ending 230..280 s, failing 2 each. After: intervals ending 310..600 s;
  // 310..500 s fail 40 each, the rest none: 800 / 3000.
  EXPECT_DOUBLE_EQ(*inc.actions[0].slos[0].before, 0.02);
  EXPECT_NEAR(*inc.actions[0].slos[0].after, 800.0 / 3000.0, 1e-12);
  // Clean before and after, but half failing while it took effect: made it worse too.
  EXPECT_DOUBLE_EQ(*inc.actions[1].slos[0].during, 0.5);
  EXPECT_DOUBLE_EQ(*inc.actions[1].slos[0].after, 0.0);
  EXPECT_EQ(inc.actions[1].verdict, "made it worse");
  // The restart's breach joins the impact (within 5 minutes of the last); the impact ends at
  // 730 s. Neither action mitigated it: the SLIs got worse after both.
  EXPECT_EQ(inc.impact_end, sec(730));
  EXPECT_FALSE(inc.mitigating_action.has_value());
  EXPECT_NE(summary_line(b.score_it()).find("2 actions (0 helped, 2 made it worse)"),
            std::string::npos);
}

TEST(Response, ADeclarationBeforeAnyAlertIsTheDetection) {
  Builder b;
  b.responders = "commands";
  b.bad = half_bad(120, 200);
  b.fault(60, true);
  b.fault(200, false);
  b.command(140, "alice", "declare SEV1");
  b.firing(170, 0);
  const Incident inc = b.score_it().incidents.at(0);
  EXPECT_EQ(inc.detection, sec(140));
  EXPECT_EQ(inc.detected_by, "incident declaration (SEV1)");
  EXPECT_EQ(inc.time_to_detect, seconds(20));
  EXPECT_EQ(inc.faults[0].detections.size(), 1u);  // the alert still detected the fault
}

TEST(Response, CommandsOutsideIncidentsCountOnlyInTheTotals) {
  Builder b;
  b.responders = "commands";
  b.end_s = 900;
  b.command(30, "alice", "status");  // before any fault
  b.fault(300, true);
  b.fault(400, false);
  b.command(310, "alice", "ack all");
  const Scorecard card = b.score_it();
  EXPECT_EQ(card.commands, 2);
  EXPECT_EQ(card.incidents.at(0).commands, 1);
  // No page: the first ack in the incident counts, and there is no time to acknowledge.
  EXPECT_EQ(card.incidents[0].acknowledged, sec(310));
  EXPECT_FALSE(card.incidents[0].time_to_acknowledge.has_value());
}

TEST(Response, TargetsFromTheScenario) {
  Builder b = by_the_book();
  b.targets.time_to_detect = seconds(10);
  b.targets.time_to_acknowledge = minutes(1);
  b.targets.error_budget = 0.5;
  const Scorecard card = b.score_it();
  ASSERT_EQ(card.targets.size(), 3u);
  EXPECT_EQ(card.targets[0].name, "time_to_detect");
  EXPECT_EQ(card.targets[0].met, true);  // the alert fired 30 s before the impact
  EXPECT_EQ(card.targets[1].name, "time_to_acknowledge");
  EXPECT_EQ(card.targets[1].met, true);  // 30 s
  EXPECT_EQ(card.targets[2].name, "error_budget");
  EXPECT_EQ(card.targets[2].met, true);
  EXPECT_NE(summary_line(card).find("targets: 3 of 3 met"), std::string::npos);
  const std::string json = format_json(card);
  EXPECT_NE(json.find("\"name\": \"time_to_acknowledge\""), std::string::npos);
  EXPECT_NE(json.find("\"verdict\": \"helped\""), std::string::npos);
  EXPECT_NE(json.find("\"mitigating_action\": \"failover web\""), std::string::npos);
}

TEST(Response, NoRespondersKeepsTheResponseOutOfTheReports) {
  Builder b;
  b.bad = half_bad(120, 200);
  b.fault(60, true);
  b.fault(200, false);
  const Scorecard card = b.score_it();
  EXPECT_EQ(card.responders, "none");
  EXPECT_EQ(format_text(card).find("response ("), std::string::npos);
  EXPECT_EQ(summary_line(card).find("action"), std::string::npos);
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
