using System.Text;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// Every page handler and endpoint the app has, found at run time, sends a bounded number of SQL
/// commands whatever the data size (no N+1): each is asked over a little data and again over a lot
/// (<see cref="SqlCountScene"/>), the commands EF Core sends while the app answers counted by an
/// interceptor (<see cref="SqlCommandCounter"/>): the sign-in's security-stamp check, the layout, the
/// page and its handlers all count. A request fails when its count passes its bound, or when it sends
/// more commands over the large data than over the small. Counts, not time. A page or handler added
/// without an entry fails the test, by name.
/// </summary>
public sealed class SqlCommandCountTests(SqlCountScene scene, ITestOutputHelper output) : IClassFixture<SqlCountScene>
{
    /// <summary>The bound of a request without its own in <see cref="Bounds"/>.</summary>
    public const int DefaultBound = 9;

    // ─── Who asks each request, over which review ───────────────────────────────────────────────
    //
    // One entry per request, keyed as in the authorization matrix. "As" is the subject (or subjects,
    // each counted on its own) of AccessScene.Subjects who asks: a user allowed to see the page.
    // "At" is the stage of the review whose ids the request is given (ignored by requests without
    // ids): a step's pages are asked while the step is open, so the edit pages show their forms.
    // "Answer" is how the request must come back (as in the matrix: 200, 302, 404...), so a count is
    // never that of a refusal. POSTs carry a valid antiforgery token, the ids, an empty version (a
    // stale form) and no other field, as in the matrix: they come back with their message (the page
    // read again) or redirect; nothing is saved that changes what the next request sees.
    private static readonly IReadOnlyList<(string Request, string As, ReviewStage At, string Answer)> Table =
    [
        ("GET /Account/Login",                                                        "anon",    ReviewStage.Approved,     "200"),
        ("POST /Account/Login",                                                       "anon",    ReviewStage.Approved,     "200"),
        ("GET /Account/SetPassword",                                                  "anon",    ReviewStage.Approved,     "200"),
        ("POST /Account/SetPassword",                                                 "anon",    ReviewStage.Approved,     "200"),
        ("GET /Error/{code}",                                                         "cw",      ReviewStage.Approved,     "200"),
        ("POST /Error/{code}",                                                        "cw",      ReviewStage.Approved,     "200"),
        ("GET /Account/LoginWith2fa",                                                 "anon",    ReviewStage.Approved,     "302"),
        ("POST /Account/LoginWith2fa",                                                "anon",    ReviewStage.Approved,     "302"),
        ("GET /Account/LoginWithRecoveryCode",                                        "anon",    ReviewStage.Approved,     "302"),
        ("POST /Account/LoginWithRecoveryCode",                                       "anon",    ReviewStage.Approved,     "302"),
        ("GET /Survey",                                                               "anon",    ReviewStage.Approved,     "200"),
        ("POST /Survey",                                                              "anon",    ReviewStage.Approved,     "200"),
        ("GET /health",                                                               "anon",    ReviewStage.Approved,     "200"),
        ("GET (static asset)",                                                        "anon",    ReviewStage.Approved,     "200"),
        ("GET /",                                                                     "fac",     ReviewStage.Approved,     "200"),
        ("GET /Account/Logout",                                                       "cw",      ReviewStage.Approved,     "200"),
        ("POST /Account/Logout",                                                      "cw",      ReviewStage.Approved,     "302"),
        ("GET /Account/TwoFactor",                                                    "cw",      ReviewStage.Approved,     "200"),
        ("POST /Account/TwoFactor?handler=Enable",                                    "cw",      ReviewStage.Approved,     "200"),
        ("POST /Account/TwoFactor?handler=RecoveryCodes",                             "cw",      ReviewStage.Approved,     "200"),
        ("POST /Account/TwoFactor?handler=Reset",                                     "cw",      ReviewStage.Approved,     "302"),
        ("POST /Account/TwoFactor?handler=Disable",                                   "cw",      ReviewStage.Approved,     "302"),
        ("GET /{**path}",                                                             "fac",     ReviewStage.Approved,     "404"),
        ("GET /Admin/Users",                                                          "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Users/Create",                                                   "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Users/Create",                                                  "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Users/{id}",                                                     "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Users/{id}?handler=Role",                                       "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Users/{id}?handler=Lock",                                       "adm",     ReviewStage.Approved,     "302"),
        ("POST /Admin/Users/{id}?handler=Link",                                       "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Users/{id}?handler=ResetTwoFactor",                             "adm",     ReviewStage.Approved,     "302"),
        ("GET /Admin/SecurityLog",                                                    "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Policy",                                                         "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Policy",                                                        "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Sharing",                                                        "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Sharing",                                                       "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Catalog",                                                        "adm",     ReviewStage.Approved,     "200"),
        ("GET /Admin/Catalog?handler=Export",                                         "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Catalog?handler=Add",                                           "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Catalog?handler=Retire",                                        "adm",     ReviewStage.Approved,     "200"),
        ("POST /Admin/Catalog?handler=Import",                                        "adm",     ReviewStage.Approved,     "200"),
        ("GET /Hub",                                                                  "ana",     ReviewStage.Approved,     "200"),
        ("POST /Hub?handler=Import",                                                  "ana",     ReviewStage.Approved,     "200"),
        ("GET /Surveys",                                                              "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/New",                                                          "adm",     ReviewStage.Approved,     "200"),
        ("POST /Surveys/New",                                                         "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/Instruments",                                                  "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/Instruments?handler=Export",                                   "adm",     ReviewStage.Approved,     "200"),
        ("POST /Surveys/Instruments?handler=Import",                                  "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}",                                                     "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}?handler=RatesCsv",                                    "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}?handler=DomainsCsv",                                  "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}?handler=ItemsCsv",                                    "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}?handler=Aggregate",                                   "adm",     ReviewStage.Approved,     "200"),
        ("GET /Surveys/{waveId}/Links",                                               "adm",     ReviewStage.Approved,     "200"),
        ("POST /Surveys/{waveId}/Links",                                              "adm",     ReviewStage.Approved,     "200"),
        ("GET /Hub/Surveys",                                                          "ana",     ReviewStage.Approved,     "200"),
        ("POST /Hub/Surveys",                                                         "ana",     ReviewStage.Approved,     "200"),
        ("GET /Reviews",                                                              "fac",     ReviewStage.Approved,     "200"),
        ("GET /Reviews/New",                                                          "fac",     ReviewStage.Approved,     "200"),
        ("POST /Reviews/New",                                                         "fac",     ReviewStage.Approved,     "200"),
        ("GET /Reviews/{id}",                                                         "fac",     ReviewStage.Approved,     "200"),
        ("POST /Reviews/{id}?handler=CompleteIntake",                                 "fac",     ReviewStage.Intake,       "200"),
        ("POST /Reviews/{id}?handler=Override",                                       "sup",     ReviewStage.Intake,       "200"),
        ("POST /Reviews/{id}?handler=Assign",                                         "sup",     ReviewStage.Approved,     "200"),
        ("POST /Reviews/{id}?handler=Reopen",                                         "sup",     ReviewStage.Approved,     "200"),
        ("GET /Reviews/{id}/EditIntake",                                              "fac",     ReviewStage.Intake,       "200"),
        ("POST /Reviews/{id}/EditIntake",                                             "fac",     ReviewStage.Intake,       "200"),
        ("GET /Reviews/{id}/History",                                                 "fac",     ReviewStage.Approved,     "200"),
        ("GET /Reviews/{id}/Chronology",                                              "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Chronology",                                             "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Chronology?handler=Delete",                              "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/Chronology/{entryId}/Edit",                               "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Chronology/{entryId}/Edit",                              "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/FamilyNeeds",                                             "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=AddNeed",                            "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=DeleteNeed",                         "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Rate",                               "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Bias",                               "fac",     ReviewStage.FamilyNeeds,  "302"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Voice",                              "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds?handler=Complete",                           "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("GET /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit",                         "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("POST /Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit",                        "fac",     ReviewStage.FamilyNeeds,  "200"),
        ("GET /Reviews/{id}/Debrief",                                                 "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief?handler=Schedule",                               "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief?handler=Complete",                               "fac",     ReviewStage.Debrief,      "200"),
        ("GET /Reviews/{id}/Debrief/Sessions/{sessionId}",                            "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Reschedule",        "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Cancel",            "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=AddStaff",          "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=AddOutside",        "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Remove",            "fac",     ReviewStage.Debrief,      "200"),
        ("GET /Reviews/{id}/Debrief/Sessions/{sessionId}/Live",                       "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=GroundRules",  "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Capture",      "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Notes",        "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Held",         "fac",     ReviewStage.Debrief,      "200"),
        ("GET /Reviews/{id}/Debrief/DecisionPoints",                                  "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/DecisionPoints?handler=Delete",                  "fac",     ReviewStage.Debrief,      "200"),
        ("GET /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit",                   "fac",     ReviewStage.Debrief,      "200"),
        ("POST /Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit",                  "fac",     ReviewStage.Debrief,      "200"),
        ("GET /Reviews/{id}/Findings",                                                "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings?handler=AddFinding",                            "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings?handler=DeleteFinding",                         "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings?handler=DeleteAction",                          "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings?handler=Submit",                                "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/Findings/{findingId}/Edit",                               "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings/{findingId}/Edit",                              "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/Findings/{findingId}/Actions/New",                        "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings/{findingId}/Actions/New",                       "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/Findings/Actions/{actionId}/Edit",                        "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings/Actions/{actionId}/Edit",                       "fac",     ReviewStage.Findings,     "200"),
        ("POST /Reviews/{id}/Findings/Actions/{actionId}/Edit?handler=NotAdopt",      "fac",     ReviewStage.Findings,     "200"),
        ("GET /Reviews/{id}/Approval",                                                "sup",     ReviewStage.Approval,     "200"),
        ("POST /Reviews/{id}/Approval?handler=Approve",                               "sup",     ReviewStage.Approval,     "200"),
        ("POST /Reviews/{id}/Approval?handler=Return",                                "sup",     ReviewStage.Approval,     "200"),
        ("GET /Reviews/{id}/Report",                                                  "fac",     ReviewStage.Approved,     "200"),
        ("GET /Reviews/{id}/Report/Pdf",                                              "fac",     ReviewStage.Approved,     "200"),
        ("GET /Actions",                                                              "fac",     ReviewStage.Approved,     "200"),
        ("GET /Actions/{actionId}",                                                   "fac",     ReviewStage.Approved,     "200"),
        ("POST /Actions/{actionId}",                                                  "fac",     ReviewStage.Approved,     "200"),
        ("GET /Trends",                                                               "sup ana", ReviewStage.Approved,     "200"),
        ("GET /Trends?handler=Csv",                                                   "sup ana", ReviewStage.Approved,     "200"),
        ("GET /Trends/Annual",                                                        "sup ana", ReviewStage.Approved,     "200"),
        ("GET /Trends/Annual?handler=Csv",                                            "sup ana", ReviewStage.Approved,     "200"),
    ];

    /// <summary>
    /// Requests allowed more than <see cref="DefaultBound"/> commands, and why: what was counted when the
    /// test was written, plus 2. Every signed-in request spends 1 on the account check (its security stamp
    /// and what the cookie holds, one query) and the layout; the rest is the page's own, the same whatever the data.
    /// </summary>
    private static readonly Dictionary<string, int> Bounds = new(StringComparer.Ordinal)
    {
        // Identity's own writes: the first visit makes the authenticator key; resets and locks update the
        // account, write the security log and sign the user in again.
        ["GET /Account/TwoFactor"] = 11,
        ["POST /Account/TwoFactor?handler=Disable"] = 19,
        ["POST /Account/TwoFactor?handler=Reset"] = 18,
        ["POST /Admin/Users/{id}?handler=Lock"] = 14,
        ["POST /Admin/Users/{id}?handler=ResetTwoFactor"] = 13,

        // A review's step pages: the review header and team, the step's records, and (finding forms,
        // approval, report) every factor catalog of the jurisdiction as a split query (catalogs, domains,
        // items). The findings page reads the catalogs' items in one query and fits the default.
        ["GET /Reviews/{id}/Approval"] = 16,
        ["GET /Reviews/{id}/Debrief"] = 11,
        ["GET /Reviews/{id}/Findings/{findingId}/Actions/New"] = 13,
        ["GET /Reviews/{id}/Findings/{findingId}/Edit"] = 14,
        ["GET /Reviews/{id}/Report"] = 16,
        ["GET /Reviews/{id}/Report/Pdf"] = 16,

        // The same pages read again after a refused form, with what the handler read to refuse it.
        ["POST /Admin/Catalog?handler=Retire"] = 10,
        ["POST /Reviews/{id}/Approval?handler=Approve"] = 18,
        ["POST /Reviews/{id}/Approval?handler=Return"] = 16,
        ["POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Held"] = 11,
        ["POST /Reviews/{id}/Debrief/Sessions/{sessionId}/Live?handler=Notes"] = 11,
        ["POST /Reviews/{id}/Debrief/Sessions/{sessionId}?handler=Remove"] = 10,
        ["POST /Reviews/{id}/Debrief?handler=Complete"] = 14,
        ["POST /Reviews/{id}/Debrief?handler=Schedule"] = 11,
        ["POST /Reviews/{id}/FamilyNeeds?handler=Bias"] = 12,
        ["POST /Reviews/{id}/Findings/{findingId}/Actions/New"] = 13,
        ["POST /Reviews/{id}/Findings/{findingId}/Edit"] = 12,
        ["POST /Reviews/{id}/Findings?handler=AddFinding"] = 10,
        ["POST /Reviews/{id}/Findings?handler=DeleteAction"] = 12,
        ["POST /Reviews/{id}/Findings?handler=DeleteFinding"] = 13,
        ["POST /Reviews/{id}/Findings?handler=Submit"] = 13,
        ["POST /Surveys/{waveId}/Links"] = 11,

        // The anonymous questionnaire: the link by its hash, its wave, instrument, units and draft.
        ["POST /Survey"] = 12,

        // A Supervisor's trends read the jurisdiction's live reviews and its catalogs (an Analyst's read the hub, within the default).
        ["GET /Trends"] = 15,
        ["GET /Trends?handler=Csv"] = 15,
        ["GET /Trends/Annual"] = 13,
        ["GET /Trends/Annual?handler=Csv"] = 13,
    };

    private static readonly Dictionary<string, (string As, ReviewStage At, string Answer)> Entries =
        Table.ToDictionary(r => r.Request, r => (r.As, r.At, r.Answer), StringComparer.Ordinal);

    /// <summary>One request counted as one subject at one address, over the small and the large data.</summary>
    public sealed record Counted(string Request, string Address, string As, int Small, int Large, int Bound)
    {
        public string Name => $"{Request}{(Address == Request.Split(' ', 2)[1].Split('?')[0] ? string.Empty : $" at {Address}")} as {As}";
    }

    [Fact]
    public async Task Every_page_and_endpoint_sends_a_bounded_number_of_SQL_commands_whatever_the_data_size()
    {
        var requests = await AppRoutes.DiscoverAsync(scene.App.Services);
        var failures = Unlisted(requests).Select(key => $"{key} has no entry in the table: every page and endpoint has its SQL commands counted.").ToList();

        // Reads first, as in the matrix; every address of a request, as every subject of its entry.
        var cases = (from request in requests.OrderBy(r => r.IsPost).ThenBy(r => r.Key, StringComparer.Ordinal)
                     where Entries.ContainsKey(request.Key)
                     from template in request.Templates
                     from subject in Entries[request.Key].As.Split(' ')
                     select (Request: request, Template: template, Subject: subject)).ToList();
        var counts = new Dictionary<DataSize, List<IReadOnlyList<string>>>();
        foreach (var size in new[] { DataSize.Small, DataSize.Large })
        {
            if (size == DataSize.Large)
            {
                await scene.GrowAsync();
            }

            counts[size] = [];
            foreach (var (request, template, subject) in cases)
            {
                var entry = Entries[request.Key];
                var logged = scene.App.Logs.Lines.Count;
                var (outcome, commands) = await scene.SendAsync(request, template, subject, entry.At, size);

                // EF Core warns once, when it compiles a query that loads several collections in one command (a cartesian product).
                failures.AddRange(scene.App.Logs.Lines.Skip(logged).Where(l => l.Contains(nameof(QuerySplittingBehavior), StringComparison.Ordinal))
                    .Select(_ => $"{request.Key} at {template} as {subject}: a query loads several collections in one command; split it (AsSplitQuery)."));
                if (outcome != entry.Answer)
                {
                    failures.Add($"{request.Key} at {template} as {subject} ({size} data): expected {entry.Answer}, got {outcome}; its commands are not those of the page.");
                }

                counts[size].Add(commands);
            }
        }

        var rows = cases.Select((c, i) => new Counted(c.Request.Key, c.Template, c.Subject, counts[DataSize.Small][i].Count, counts[DataSize.Large][i].Count, BoundOf(c.Request.Key))).ToList();
        var judged = Judge(rows);
        failures.AddRange(judged);

        output.WriteLine($"{"Request",-90} {"small",5} {"large",5} {"bound",5}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Name,-90} {row.Small,5} {row.Large,5} {row.Bound,5}");
        }

        output.WriteLine(string.Empty);
        output.WriteLine($"{rows.Count} requests counted: max {rows.Max(r => Math.Max(r.Small, r.Large))} SQL commands per request (bound {DefaultBound} unless listed), none more over the large data than over the small: {judged.Count == 0}");

        // What the requests that fail sent over the large data, the same command counted once with how often.
        foreach (var (row, i) in rows.Select((r, i) => (r, i)).Where(x => judged.Any(j => j.StartsWith(x.r.Name + ":", StringComparison.Ordinal))))
        {
            output.WriteLine(string.Empty);
            output.WriteLine($"{row.Name}, over the large data:");
            foreach (var command in counts[DataSize.Large][i].GroupBy(Shorten))
            {
                output.WriteLine($"  {command.Count(),3} x {command.Key}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_entry_names_a_request_the_app_has_and_a_subject_the_scene_signs_in()
    {
        var requests = (await AppRoutes.DiscoverAsync(scene.App.Services)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var subjects = SqlCountScene.Subjects.Select(s => s.Column).ToHashSet(StringComparer.Ordinal);
        var problems = Table.Where(r => !requests.Contains(r.Request)).Select(r => $"{r.Request}: no such page handler or endpoint (renamed or removed?).")
            .Concat(Table.SelectMany(r => r.As.Split(' ').Where(s => !subjects.Contains(s)).Select(s => $"{r.Request}: no subject \"{s}\".")))
            .Concat(Bounds.Keys.Where(k => !Entries.ContainsKey(k)).Select(k => $"Bound of {k}: no entry in the table."))
            .Concat(Table.GroupBy(r => r.Request).Where(g => g.Count() > 1).Select(g => $"{g.Key}: more than one entry."))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_count_past_its_bound_or_growing_with_the_data_fails_and_is_named()
    {
        Counted[] rows =
        [
            new("GET /A", "/A", "fac", 5, 5, 12),
            new("GET /B", "/B", "fac", 5, 9, 12),
            new("GET /C", "/C", "fac", 13, 13, 12),
            new("GET /D", "/D/Index", "sup", 7, 6, 12),
        ];

        Assert.Equal(
            ["GET /B as fac: 5 SQL commands over the small data, 9 over the large (bound 12): it grows with the data.",
             "GET /C as fac: 13 SQL commands over the small data, 13 over the large (bound 12): past its bound."],
            Judge(rows));
    }

    [Fact]
    public void A_page_added_without_an_entry_is_named()
    {
        var added = new AppRequest("GET", "GET /Reviews/{id}/Secret", ["/Reviews/{id}/Secret"], null, []);
        var known = new AppRequest("GET", "GET /Reviews/{id}", ["/Reviews/{id}"], null, []);

        Assert.Equal(["GET /Reviews/{id}/Secret"], Unlisted([known, added]));
    }

    /// <summary>What is wrong with the counts: a count past its bound, or more commands over the large data than over the small.</summary>
    public static List<string> Judge(IEnumerable<Counted> rows) =>
        [.. rows.Select(r => (r, Problem: r.Large > r.Small ? "it grows with the data" : Math.Max(r.Small, r.Large) > r.Bound ? "past its bound" : null))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.r.Name}: {x.r.Small} SQL commands over the small data, {x.r.Large} over the large (bound {x.r.Bound}): {x.Problem}.")];

    private static int BoundOf(string key) => Bounds.TryGetValue(key, out var bound) ? bound : DefaultBound;

    private static IEnumerable<string> Unlisted(IEnumerable<AppRequest> requests) =>
        requests.Select(r => r.Key).Where(key => !Entries.ContainsKey(key));

    /// <summary>A command's text on one line, cut short: enough to see which query repeats.</summary>
    private static string Shorten(string command)
    {
        var text = new StringBuilder(command.Length);
        foreach (var c in command)
        {
            text.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var line = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var from = line.IndexOf(" FROM ", StringComparison.Ordinal);
        line = line.StartsWith("SELECT ", StringComparison.Ordinal) && from > 0 ? "SELECT ..." + line[from..] : line;
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
