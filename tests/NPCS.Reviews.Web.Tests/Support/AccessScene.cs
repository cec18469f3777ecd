using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>The tests that ask every page as every subject share one <see cref="AccessScene"/>: one app, one database, one sign-in each.</summary>
[CollectionDefinition(Name)]
public sealed class AccessTests : ICollectionFixture<AccessScene>
{
    public const string Name = "Access";
}

/// <summary>Someone the access table has a column for: nobody signed in, or a demo account of a role.</summary>
public sealed record Subject(string Column, string? Email);

/// <summary>Whose records a request's ids name.</summary>
public enum Ownership
{
    /// <summary>Demo County's, the jurisdiction of every signed-in subject (Analysts have none).</summary>
    Own,

    /// <summary>Other County's: the review and its parts, or an Other County account.</summary>
    Other,

    /// <summary>A Demo County review with a part (session, entry, finding...) of an Other County review.</summary>
    Mixed,
}

/// <summary>
/// One app and database for the <see cref="AccessTests"/>: a Demo County review and an Other County review,
/// both approved and with one record of every kind (chronology entry, need, session and participant,
/// decision point, finding, action), and a signed-in session for every <see cref="Subjects">subject</see>,
/// kept as its cookies and antiforgery token so each request stands alone (a POST to sign out or a
/// refused request changes nothing for the next one).
/// </summary>
public sealed class AccessScene : IAsyncLifetime
{
    // A host name as an agency would serve it: ASP.NET Core sends no HSTS to localhost.
    private static readonly Uri BaseAddress = new("https://reviews.agency.example/");

    private readonly Dictionary<string, (string Cookies, string Token)> _sessions = [];
    private ReviewSceneIds? _own;
    private ReviewSceneIds? _other;
    private string _ownAccountId = string.Empty;
    private string _otherAccountId = string.Empty;
    private (int Own, int Other) _waves;
    private (int Own, int Other) _instruments;
    private string _surveyToken = string.Empty;
    private HttpClient? _http;

    /// <summary>The columns of the access table, in its order.</summary>
    public static IReadOnlyList<Subject> Subjects { get; } =
    [
        new("anon", null),
        new("cw", ReviewScene.Participant),
        new("cw-out", "bystander@demo.local"),
        new("fac", ReviewScene.Facilitator),
        new("fac-out", "second.facilitator@demo.local"),
        new("sup", "supervisor@demo.local"),
        new("adm", "admin@demo.local"),
        new("ana", "analyst@demo.local"),
    ];

    public AppFactory App { get; } = new();

    /// <summary>The Demo County account whose administration pages the table opens (nobody signs in as it).</summary>
    public const string ManagedAccount = "managed@demo.local";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var now = TimeProvider.System.GetUtcNow();
            await ReviewScene.EnsureAccountAsync(db, users, Subjects[2].Email!, "Bo Bystander", Roles.Caseworker, Seeder.DemoCode, AppFactory.Password, now);
            await ReviewScene.EnsureAccountAsync(db, users, Subjects[4].Email!, "Sid Second-Facilitator", Roles.Facilitator, Seeder.DemoCode, AppFactory.Password, now);
            _ownAccountId = (await ReviewScene.EnsureAccountAsync(db, users, ManagedAccount, "Max Managed", Roles.Caseworker, Seeder.DemoCode, null, now)).Id;
            _otherAccountId = (await users.FindByEmailAsync(SceneCast.OtherCounty.Participant))!.Id;
            await ReviewScene.EnsureOtherCountyCastAsync(db, users, now);
            var own = await ReviewScene.CreateAtAsync(db, users, ReviewStage.Approved, now, SceneCast.Demo, withChronologyEntry: true);
            var other = await ReviewScene.CreateAtAsync(db, users, ReviewStage.Approved, now, SceneCast.OtherCounty, withChronologyEntry: true);
            _own = await ReviewSceneIds.LoadAsync(db, own);
            _other = await ReviewSceneIds.LoadAsync(db, other);
            // A survey wave of each jurisdiction, and an open link of another Demo County wave (making
            // links again replaces the unused links of a wave, and the table's POSTs do that to the first).
            var today = Forms.Today;
            _waves = ((await SurveyScene.OpenAsync(db, Seeder.DemoCode, today, today.AddDays(7), ("Scene unit", 5))).WaveId,
                (await SurveyScene.OpenAsync(db, Seeder.OtherCode, today, today.AddDays(7), ("Scene unit", 5))).WaveId);
            _surveyToken = (await SurveyScene.OpenAsync(db, Seeder.DemoCode, today.AddDays(-1), today.AddDays(7), ("Link unit", 1))).Tokens["Link unit"][0];
            var instruments = await db.SurveyInstruments.IgnoreQueryFilters().Join(db.Jurisdictions.IgnoreQueryFilters(), i => i.JurisdictionId, j => j.Id, (i, j) => new { i.Id, j.Code }).ToListAsync();
            _instruments = (instruments.First(i => i.Code == Seeder.DemoCode).Id, instruments.First(i => i.Code == Seeder.OtherCode).Id);
            Assert.Equal(2, await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == own || r.Id == other).Select(r => r.JurisdictionId).Distinct().CountAsync());
        }

        foreach (var subject in Subjects)
        {
            _sessions[subject.Column] = await OpenSessionAsync(subject);
        }

        _http = App.CreateDefaultClient(BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Whether the request names a Demo County review and a part of it, so it can be asked with another jurisdiction's part.</summary>
    public static bool HasParts(AppRequest request, string template)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(template);
        return AppRequest.InTemplate(template, "id") && !SceneRequests.IsAccountPage(template)
            && (template.Split('{').Length > 2 || request.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal)));
    }

    /// <summary>Sends the request as the subject with the ids of <paramref name="ownership"/> and answers how it came back: "200", "login" (sent to sign in), "403"...</summary>
    public async Task<string> OutcomeAsync(AppRequest request, string template, Subject subject, Ownership ownership, bool withToken = true)
    {
        using var message = Build(request, template, subject, ownership, withToken);
        using var response = await _http!.SendAsync(message);
        ResponsesChecked++;
        if (MissingProtection(response) is { } missing)
        {
            Unprotected.Add($"{message.Method} {message.RequestUri?.PathAndQuery} ({(int)response.StatusCode}): {missing}");
        }

        return Describe(response);
    }

    /// <summary>How many responses were checked for the browser protections every response must carry.</summary>
    public int ResponsesChecked { get; private set; }

    /// <summary>The responses that lacked one of them, and which.</summary>
    public List<string> Unprotected { get; } = [];

    /// <summary>The security headers of ADR 0008 and HSTS (the scene talks HTTPS, outside Development); null when all are there.</summary>
    private static string? MissingProtection(HttpResponseMessage response)
    {
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(";", values) : null;
        var csp = Header("Content-Security-Policy");
        return csp is null || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || csp.Contains("unsafe-", StringComparison.Ordinal)
            ? "Content-Security-Policy"
            : Header("X-Content-Type-Options") != "nosniff" ? "X-Content-Type-Options"
            : Header("Referrer-Policy") is null ? "Referrer-Policy"
            : Header("Permissions-Policy") is null ? "Permissions-Policy"
            : Header("Strict-Transport-Security") is null ? "Strict-Transport-Security"
            : null;
    }

    public static string Describe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        if (response.StatusCode == HttpStatusCode.Redirect && location is not null)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(BaseAddress, location);
            if (target.AbsolutePath == "/Account/Login" && target.Query.Contains("ReturnUrl=", StringComparison.Ordinal))
            {
                return "login";
            }
        }

        return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }

    private HttpRequestMessage Build(AppRequest request, string template, Subject subject, Ownership ownership, bool withToken) =>
        SceneRequests.Build(request, template, _sessions[subject.Column], ValuesOf(ownership), withToken);

    /// <summary>
    /// Record ids from the scene of <paramref name="ownership"/> (a mixed request: the Demo County review
    /// with Other County parts); versions are empty (a stale form: nothing is saved even where the
    /// request is allowed).
    /// </summary>
    private SceneValues ValuesOf(Ownership ownership) => new(
        ownership == Ownership.Other ? _other! : _own!,
        ownership == Ownership.Own ? _own! : _other!,
        ownership == Ownership.Own ? _ownAccountId : _otherAccountId,
        ownership == Ownership.Own ? _waves.Own : _waves.Other,
        ownership == Ownership.Own ? _instruments.Own : _instruments.Other,
        _surveyToken);

    /// <summary>Signs in again whoever a POST signed out (<see cref="SceneRequests.ReopenSignedOutSessionsAsync"/>).</summary>
    public Task ReopenSignedOutSessionsAsync() => SceneRequests.ReopenSignedOutSessionsAsync(App, _http!, BaseAddress, Subjects, _sessions);

    private Task<(string Cookies, string Token)> OpenSessionAsync(Subject subject) => SceneRequests.OpenSessionAsync(App, BaseAddress, subject);
}
