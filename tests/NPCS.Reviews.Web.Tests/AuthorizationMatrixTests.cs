using NPCS.Reviews.Web.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// Every page handler and endpoint the app has, found at run time, asked by nobody and by every role,
/// with the ids of a review of the user's own jurisdiction and of another one, checked against the
/// table below. A page or handler added without an entry fails the test, by name.
/// </summary>
[Collection(AccessTests.Name)]
public class AuthorizationMatrixTests(AccessScene scene, ITestOutputHelper output)
{
    // ─── The expected outcomes ──────────────────────────────────────────────────────────────────
    //
    // One entry per request: "GET /path" or "POST /path?handler=Name" (the page's shortest address;
    // an Index page is also asked at its other one). Each column is a subject (AccessScene.Subjects):
    //
    //   anon     nobody signed in
    //   cw       a Caseworker who took part in the review's debrief (on its debrief team)
    //   cw-out   a Caseworker outside the debrief team
    //   fac      the Facilitator assigned to the review (and of its session)
    //   fac-out  a Facilitator not on the review
    //   sup      a Supervisor
    //   adm      an Administrator
    //   ana      an NPCS Analyst (no jurisdiction)
    //
    // Outcomes: 200, 302 (a redirect, not to sign in), login (302 to sign in, with a return address),
    // 403, 404, 400.
    //
    // "own" asks with the ids of an approved Demo County review (the subjects' jurisdiction) and its
    // records; "other" with those of an approved Other County review. A request with no id has
    // "other": null. A request naming a review and one of its parts is also asked with a Demo County
    // review and an Other County part ("mixed"): it must answer as it does to "own" where that refuses
    // (login, 403), and 404 where "own" lets the subject in.
    //
    // POSTs carry a valid antiforgery token, the ids, an empty version (a stale form) and no other
    // field: an allowed POST re-renders its page with a message (200) or, where it needs nothing else,
    // redirects (302); nothing is saved that changes what the next request sees.
    private static readonly IReadOnlyList<(string Request, string Own, string? Other)> Table =
    [
        // Columns, left to right: anon, cw, cw-out, fac, fac-out, sup, adm, ana.
        //
        // Public: sign-in, set-password, error pages, health, static files.
        ("GET /Account/Login",                                                       "200   200 200 200 200 200 200 200", null),
        ("POST /Account/Login",                                                      "200   200 200 200 200 200 200 200", null),
        ("GET /Account/SetPassword",                                                 "200   200 200 200 200 200 200 200", "200   200 200 200 200 200 200 200"),
        ("POST /Account/SetPassword",                                                "200   200 200 200 200 200 200 200", null),
        ("GET /Error/{code}",                                                        "200   200 200 200 200 200 200 200", null),
        ("POST /Error/{code}",                                                       "200   200 200 200 200 200 200 200", null),
        // The code steps of sign-in need the short-lived two-factor cookie of a password just given;
        // without it they go back to the password step (a redirect without a return address).
        ("GET /Account/LoginWith2fa",                                                "302   302 302 302 302 302 302 302", null),
        ("POST /Account/LoginWith2fa",                                               "302   302 302 302 302 302 302 302", null),
        ("GET /Account/LoginWithRecoveryCode",                                       "302   302 302 302 302 302 302 302", null),
        ("POST /Account/LoginWithRecoveryCode",                                      "302   302 302 302 302 302 302 302", null),
        // The anonymous survey questionnaire, with a valid link (an unknown link is 404: SurveyPageTests).
        // A POST with no answers is refused with a message, and the link stays unused.
        ("GET /Survey",                                                              "200   200 200 200 200 200 200 200", null),
        ("POST /Survey",                                                             "200   200 200 200 200 200 200 200", null),
        ("GET /health",                                                              "200   200 200 200 200 200 200 200", null),
        ("GET (static asset)",                                                       "200   200 200 200 200 200 200 200", null),

        // Anyone signed in. The file fallback of static assets finds nothing here.
        ("GET /",                                                                    "login 200 200 200 200 200 200 200", null),
        ("GET /Account/Logout",                                                      "login 200 200 200 200 200 200 200", null),
        ("POST /Account/Logout",                                                     "login 302 302 302 302 302 302 302", null),
        ("GET /Account/TwoFactor",                                                   "login 200 200 200 200 200 200 200", null),
        ("POST /Account/TwoFactor?handler=Enable",                                   "login 200 200 200 200 200 200 200", null),
        ("POST /Account/TwoFactor?handler=RecoveryCodes",                            "login 200 200 200 200 200 200 200", null),
        ("POST /Account/TwoFactor?handler=Reset",                                    "login 302 302 302 302 302 302 302", null),
        ("POST /Account/TwoFactor?handler=Disable",                                  "login 302 302 302 302 302 302 302", null),
        ("GET /{**path}",                                                            "login 404 404 404 404 404 404 404", null),

        // Administration: Administrators of their own jurisdiction only. A catalog item id names an item of
        // the user's own catalog: another jurisdiction's is "not in this catalog" (a message, 200), as any unknown one.
        ("GET /Admin/Users",                                                         "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Users/Create",                                                  "login 403 403 403 403 403 200 403", null),
        ("POST /Admin/Users/Create",                                                 "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Users/{id}",                                                    "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("POST /Admin/Users/{id}?handler=Role",                                      "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("POST /Admin/Users/{id}?handler=Lock",                                      "login 403 403 403 403 403 302 403", "login 403 403 403 403 403 404 403"),
        ("POST /Admin/Users/{id}?handler=Link",                                      "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("POST /Admin/Users/{id}?handler=ResetTwoFactor",                            "login 403 403 403 403 403 302 403", "login 403 403 403 403 403 404 403"),
        ("GET /Admin/SecurityLog",                                                   "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Policy",                                                        "login 403 403 403 403 403 200 403", null),
        ("POST /Admin/Policy",                                                       "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Sharing",                                                       "login 403 403 403 403 403 200 403", null),
        ("POST /Admin/Sharing",                                                      "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Catalog",                                                       "login 403 403 403 403 403 200 403", null),
        ("GET /Admin/Catalog?handler=Export",                                        "login 403 403 403 403 403 200 403", null),
        ("POST /Admin/Catalog?handler=Add",                                          "login 403 403 403 403 403 200 403", null),
        ("POST /Admin/Catalog?handler=Retire",                                       "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 200 403"),
        ("POST /Admin/Catalog?handler=Import",                                       "login 403 403 403 403 403 200 403", null),

        // The NPCS hub: Analysts only (they belong to no jurisdiction). The import without a file comes
        // back with a message beside the file field (200); nothing is imported.
        ("GET /Hub",                                                                 "login 403 403 403 403 403 403 200", null),
        ("POST /Hub?handler=Import",                                                 "login 403 403 403 403 403 403 200", null),

        // Safety culture surveys: results for Supervisors and Administrators of the wave's jurisdiction; opening
        // waves, links, instruments and the hub aggregate for Administrators. The aggregate of a wave with no
        // responses is refused with a message (200); Making links of the own wave shows them (200).
        ("GET /Surveys",                                                             "login 403 403 403 403 200 200 403", null),
        ("GET /Surveys/New",                                                         "login 403 403 403 403 403 200 403", null),
        ("POST /Surveys/New",                                                        "login 403 403 403 403 403 200 403", null),
        ("GET /Surveys/Instruments",                                                 "login 403 403 403 403 403 200 403", null),
        ("GET /Surveys/Instruments?handler=Export",                                  "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("POST /Surveys/Instruments?handler=Import",                                 "login 403 403 403 403 403 200 403", null),
        ("GET /Surveys/{waveId}",                                                    "login 403 403 403 403 200 200 403", "login 403 403 403 403 404 404 403"),
        ("GET /Surveys/{waveId}?handler=RatesCsv",                                   "login 403 403 403 403 200 200 403", "login 403 403 403 403 404 404 403"),
        ("GET /Surveys/{waveId}?handler=DomainsCsv",                                 "login 403 403 403 403 200 200 403", "login 403 403 403 403 404 404 403"),
        ("GET /Surveys/{waveId}?handler=ItemsCsv",                                   "login 403 403 403 403 200 200 403", "login 403 403 403 403 404 404 403"),
        ("GET /Surveys/{waveId}?handler=Aggregate",                                  "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("GET /Surveys/{waveId}/Links",                                              "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),
        ("POST /Surveys/{waveId}/Links",                                             "login 403 403 403 403 403 200 403", "login 403 403 403 403 403 404 403"),

        // The NPCS survey hub: Analysts only.
        ("GET /Hub/Surveys",                                                         "login 403 403 403 403 403 403 200", null),
        ("POST /Hub/Surveys",                                                        "login 403 403 403 403 403 403 200", null),

        // The review list, a new review, the overview and its intake-stage actions.
        ("GET /Reviews",                                                             "login 200 200 200 200 200 200 403", null),
        ("GET /Reviews/New",                                                         "login 200 200 200 200 200 403 403", null),
        ("POST /Reviews/New",                                                        "login 200 200 200 200 200 403 403", null),
        ("GET /Reviews/{id}",                                                        "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}?handler=CompleteIntake",                                "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}?handler=Override",                                      "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("POST /Reviews/{id}?handler=Assign",                                        "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("POST /Reviews/{id}?handler=Reopen",                                        "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("GET /Reviews/{id}/EditIntake",                                             "login 302 302 302 302 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/EditIntake",                                            "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/History",                                                "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),

        // Chronology and family needs: every reader reads, editors edit (the approved review's edit pages send them back, 302).
        ("GET /Reviews/{id}/Chronology",                                             "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Chronology",                                            "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Chronology?handler=Delete",                             "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Chronology/{entryId}/Edit",                              "login 302 302 302 302 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Chronology/{entryId}/Edit",                             "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/FamilyNeeds",                                            "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=AddNeed",                           "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=DeleteNeed",                        "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Rate",                              "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Bias",                              "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Voice",                             "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Complete",                          "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit",                        "login 302 302 302 302 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit",                       "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),

        // The debrief (ADR 0010). Every reader sees the overview (dates and status only outside the team);
        // session pages and decision points are the debrief team's (cw, fac, sup, adm): cw-out and
        // fac-out get 403; the live page and every change are the review's facilitator's and Supervisors'.
        // A form refused by validation before its handler looks at who sends it comes back to a reader
        // who may see its page (cw on a session, anyone on the overview): 200, nothing saved.
        ("GET /Reviews/{id}/Debrief",                                                "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Debrief?handler=Schedule",                              "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief?handler=Complete",                              "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Debrief/Sessions/{sessionId}",                           "login 200 403 200 403 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Reschedule",       "login 200 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Cancel",           "login 200 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=AddStaff",         "login 200 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=AddOutside",       "login 200 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Remove",           "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Debrief/Sessions/{sessionId}/Live",                      "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=GroundRules", "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Capture",     "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Notes",       "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Held",        "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Debrief/DecisionPoints",                                 "login 200 403 200 403 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Debrief/DecisionPoints?handler=Delete",                 "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit",                  "login 403 403 302 403 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit",                 "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),

        // Findings and actions (locked once approved: the edit pages send editors back, 302), approval, the
        // report, follow-up. New action reads the findings as every reader does, so an Administrator is sent
        // back too; adding the action is refused to them (POST 403).
        ("GET /Reviews/{id}/Findings",                                               "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Findings?handler=AddFinding",                           "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings?handler=DeleteFinding",                        "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings?handler=DeleteAction",                         "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings?handler=Submit",                               "login 403 403 200 403 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Findings/{findingId}/Edit",                              "login 302 302 302 302 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings/{findingId}/Edit",                             "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Findings/{findingId}/Actions/New",                       "login 302 302 302 302 302 302 403", "login 404 404 404 404 404 404 403"),
        ("POST /Reviews/{id}/Findings/{findingId}/Actions/New",                      "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Findings/Actions/{actionId}/Edit",                       "login 302 302 302 302 302 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings/Actions/{actionId}/Edit",                      "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("POST /Reviews/{id}/Findings/Actions/{actionId}/Edit?handler=NotAdopt",     "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),
        ("GET /Reviews/{id}/Approval",                                               "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("POST /Reviews/{id}/Approval?handler=Approve",                              "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("POST /Reviews/{id}/Approval?handler=Return",                               "login 403 403 403 403 200 403 403", "login 403 403 403 403 404 403 403"),
        ("GET /Reviews/{id}/Report",                                                 "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("GET /Reviews/{id}/Report/Pdf",                                             "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("GET /Actions",                                                             "login 200 200 200 200 200 200 403", null),
        ("GET /Actions/{actionId}",                                                  "login 200 200 200 200 200 200 403", "login 404 404 404 404 404 404 403"),
        ("POST /Actions/{actionId}",                                                 "login 200 200 200 200 200 403 403", "login 404 404 404 404 404 403 403"),

        // Trends and the annual summary: Supervisors and Administrators (their own jurisdiction, live) and
        // Analysts (the hub). A CSV an Analyst asks of the annual summary without a jurisdiction re-renders
        // the page with the message (200).
        ("GET /Trends",                                                              "login 403 403 403 403 200 200 200", null),
        ("GET /Trends?handler=Csv",                                                  "login 403 403 403 403 200 200 200", null),
        ("GET /Trends/Annual",                                                       "login 403 403 403 403 200 200 200", null),
        ("GET /Trends/Annual?handler=Csv",                                           "login 403 403 403 403 200 200 200", null),
    ];

    private static readonly Dictionary<string, (string Own, string? Other)> Expected = Table.ToDictionary(r => r.Request, r => (r.Own, r.Other), StringComparer.Ordinal);

    private static readonly string[] Outcomes = ["200", "302", "login", "400", "403", "404"];

    private sealed record Case(AppRequest Request, string Template, Ownership Ownership);

    [Fact]
    public async Task Every_page_and_endpoint_answers_every_role_as_the_table_says()
    {
        var requests = await AppRoutes.DiscoverAsync(scene.App.Services);
        var failures = Unlisted(requests).Select(key => $"{key} has no entry in the table: a page or handler must not be added without its access rules.").ToList();
        var ran = new Dictionary<Ownership, int>();

        // Reads first: the POSTs carry stale versions and empty forms, but should one save, the GETs have seen the scene as set.
        foreach (var request in requests.OrderBy(r => r.IsPost).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            foreach (var @case in CasesOf(request))
            {
                var observed = new List<string>();
                foreach (var subject in AccessScene.Subjects)
                {
                    observed.Add(await scene.OutcomeAsync(request, @case.Template, subject, @case.Ownership));
                }

                if (request.IsPost)
                {
                    await scene.ReopenSignedOutSessionsAsync();
                }

                ran[@case.Ownership] = ran.GetValueOrDefault(@case.Ownership) + observed.Count;
                if (!Expected.TryGetValue(request.Key, out var expected))
                {
                    failures.Add($"  {@case.Template} ({@case.Ownership}) answered \"{string.Join(' ', observed)}\".");
                    continue;
                }

                var want = Columns(@case.Ownership switch
                {
                    Ownership.Own => expected.Own,
                    Ownership.Other => expected.Other ?? throw new InvalidOperationException($"{request.Key} has ids but no \"other\" entry."),
                    _ => Mixed(expected.Own),
                });
                for (var i = 0; i < want.Length; i++)
                {
                    if (want[i] != observed[i])
                    {
                        failures.Add($"{request.Key} at {@case.Template} ({@case.Ownership}) as {AccessScene.Subjects[i].Column}: expected {want[i]}, got {observed[i]}.");
                    }
                }
            }
        }

        output.WriteLine(
            $"{ran.Values.Sum()} cases (request x subject x ownership) ran: {requests.Count} requests ({requests.Sum(r => r.Templates.Count)} addresses), "
            + $"{AccessScene.Subjects.Count} subjects; {ran.GetValueOrDefault(Ownership.Own)} with the user's own ids, "
            + $"{ran.GetValueOrDefault(Ownership.Other)} with another jurisdiction's, {ran.GetValueOrDefault(Ownership.Mixed)} with an own review and another jurisdiction's part.");
        // Every one of those responses, whatever its status, carries the browser protections.
        output.WriteLine($"{scene.ResponsesChecked} responses carried the security headers; {scene.Unprotected.Count} did not.");
        failures.AddRange(scene.Unprotected.Select(u => "Missing a security header: " + u));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_entry_of_the_table_names_a_request_the_app_has_and_reads_as_one_outcome_per_subject()
    {
        var requests = (await AppRoutes.DiscoverAsync(scene.App.Services)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (key, own, other) in Table)
        {
            if (!requests.TryGetValue(key, out var request))
            {
                problems.Add($"{key}: no such page handler or endpoint (renamed or removed?).");
                continue;
            }

            var hasIds = request.Templates.Any(t => HasIds(request, t));
            if (hasIds != (other is not null))
            {
                problems.Add(hasIds ? $"{key}: takes ids, so it needs an \"other\" entry." : $"{key}: takes no id, so its \"other\" entry must be null.");
            }

            foreach (var row in new[] { own, other }.OfType<string>())
            {
                var columns = Columns(row);
                if (columns.Length != AccessScene.Subjects.Count || columns.Any(c => !Outcomes.Contains(c)))
                {
                    problems.Add($"{key}: \"{row}\" is not {AccessScene.Subjects.Count} outcomes among {string.Join(", ", Outcomes)}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_page_added_without_an_entry_is_named()
    {
        var added = new AppRequest("GET", "GET /Reviews/{id}/Secret", ["/Reviews/{id}/Secret"], null, []);
        var known = new AppRequest("GET", "GET /Reviews/{id}", ["/Reviews/{id}"], null, []);

        Assert.Equal(["GET /Reviews/{id}/Secret"], Unlisted([known, added]));
    }

    private static IEnumerable<string> Unlisted(IEnumerable<AppRequest> requests) =>
        requests.Select(r => r.Key).Where(key => !Expected.ContainsKey(key));

    private static IEnumerable<Case> CasesOf(AppRequest request)
    {
        foreach (var template in request.Templates)
        {
            yield return new Case(request, template, Ownership.Own);
            if (HasIds(request, template))
            {
                yield return new Case(request, template, Ownership.Other);
            }

            if (AccessScene.HasParts(request, template))
            {
                yield return new Case(request, template, Ownership.Mixed);
            }
        }
    }

    private static bool HasIds(AppRequest request, string template) =>
        template.Contains("{id}", StringComparison.Ordinal) || template.Contains("Id}", StringComparison.Ordinal)
        || request.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal));

    private static string[] Columns(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Mixed(string own) => string.Join(' ', Columns(own).Select(o => o is "login" or "403" ? o : "404"));
}
