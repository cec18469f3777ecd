using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>The data a page is asked over: a little of everything first, then a lot (<see cref="SqlCountScene.GrowAsync"/>).</summary>
public enum DataSize
{
    Small,
    Large,
}

/// <summary>
/// One app and database for the SQL-command count (<see cref="SqlCommandCountTests"/>). At
/// <see cref="DataSize.Small"/>: a Demo County review at each stage from Intake to Approved with one
/// record of every kind (chronology entry, need, session and participant, decision point, finding,
/// action), a survey wave with five responses and its aggregate in the survey hub, one imported
/// extract. <see cref="GrowAsync"/> adds, for <see cref="DataSize.Large"/>: a review at each stage with
/// <see cref="LargeParts"/>, <see cref="MoreReviews"/> more reviews, larger survey waves with their
/// responses and aggregates, and more imported extracts. Reviews at Intake, Family needs and Debrief
/// are approved reviews reopened there, so every page of the step has every kind of record to show.
/// </summary>
public sealed class SqlCountScene : IAsyncLifetime
{
    /// <summary>The large review's records: 30 chronology entries, 20 needs, 3 sessions of 7 participants, 20 decision points, 20 findings of 2 actions.</summary>
    public static readonly ScenePartCounts LargeParts = new(ChronologyEntries: 30, Needs: 20, Sessions: 3, OutsideParticipants: 6, DecisionPoints: 20, Findings: 20, ActionsPerFinding: 2);

    /// <summary>The reviews added to the lists for the large size, at every stage in turn.</summary>
    public const int MoreReviews = 60;

    public static readonly ReviewStage[] Stages =
        [ReviewStage.Intake, ReviewStage.FamilyNeeds, ReviewStage.Debrief, ReviewStage.Findings, ReviewStage.Approval, ReviewStage.Approved];

    private static readonly Uri BaseAddress = new("https://reviews.agency.example/");

    private readonly Dictionary<string, (string Cookies, string Token)> _sessions = [];
    private readonly Dictionary<(DataSize, ReviewStage), ReviewSceneIds> _reviews = [];
    private readonly Dictionary<DataSize, (int WaveId, string Token)> _surveys = [];
    private string _accountId = string.Empty;
    private int _instrumentId;
    private HttpClient? _http;

    /// <summary>The subjects a page can be asked as: nobody, and the accounts of <see cref="AccessScene.Subjects"/>.</summary>
    public static IReadOnlyList<Subject> Subjects => AccessScene.Subjects;

    public AppFactory App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var now = TimeProvider.System.GetUtcNow();
            foreach (var subject in Subjects.Where(s => s.Email is not null))
            {
                await ReviewScene.EnsureAccountAsync(db, users, subject.Email!, subject.Column, subject.Column.StartsWith("fac", StringComparison.Ordinal) ? Roles.Facilitator : Roles.Caseworker, Seeder.DemoCode, AppFactory.Password, now);
            }

            _accountId = (await ReviewScene.EnsureAccountAsync(db, users, AccessScene.ManagedAccount, "Max Managed", Roles.Caseworker, Seeder.DemoCode, null, now)).Id;
            _instrumentId = await db.SurveyInstruments.IgnoreQueryFilters()
                .Where(i => i.JurisdictionId == db.Jurisdictions.IgnoreQueryFilters().Single(j => j.Code == Seeder.DemoCode).Id)
                .Select(i => i.Id).FirstAsync();
            await AddReviewsAsync(db, users, DataSize.Small, ScenePartCounts.One, now);
            _surveys[DataSize.Small] = await AddWaveAsync(db, units: 1, responsesPerUnit: 5);
            await HubScene.ImportAsync(db, [HubScene.Record(Extracts.NewJurisdiction(), new YearMonth(2026, 1))]);
        }

        foreach (var subject in Subjects)
        {
            _sessions[subject.Column] = await SceneRequests.OpenSessionAsync(App, BaseAddress, subject);
        }

        _http = App.CreateDefaultClient(BaseAddress);
        await ShareAggregateAsync(_surveys[DataSize.Small].WaveId);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Adds what the large size has besides the small one (the small records stay: the lists show both).</summary>
    public async Task GrowAsync()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var now = TimeProvider.System.GetUtcNow();
            await AddReviewsAsync(db, users, DataSize.Large, LargeParts, now);
            var large = _reviews[(DataSize.Large, ReviewStage.Debrief)].ReviewId;
            Assert.Equal(
                (LargeParts.ChronologyEntries, LargeParts.DecisionPoints, LargeParts.Findings * LargeParts.ActionsPerFinding),
                (await db.ChronologyEntries.IgnoreQueryFilters().CountAsync(e => e.ReviewId == large),
                 await db.DecisionPoints.IgnoreQueryFilters().CountAsync(p => p.ReviewId == large),
                 await db.ReviewActions.IgnoreQueryFilters().CountAsync(a => a.ReviewId == large)));
            for (var i = 0; i < MoreReviews; i++)
            {
                await CreateAtAsync(db, users, Stages[i % Stages.Length], ScenePartCounts.One, now);
            }

            // The results wave last, so its aggregate is the newest in the survey hub.
            var waves = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                waves.Add((await AddWaveAsync(db, units: 4, responsesPerUnit: 6)).WaveId);
            }

            _surveys[DataSize.Large] = await AddWaveAsync(db, units: 6, responsesPerUnit: 8);
            waves.Add(_surveys[DataSize.Large].WaveId);
            for (var i = 0; i < 10; i++)
            {
                var code = Extracts.NewJurisdiction();
                await HubScene.ImportAsync(db, [.. HubScene.Record(code, new YearMonth(2026, 1 + (i % 3))).Times(20)]);
            }

            foreach (var wave in waves)
            {
                await ShareAggregateAsync(wave);
            }
        }
    }

    /// <summary>
    /// Sends the request as the subject with the ids of the <paramref name="size"/> review at <paramref name="stage"/>
    /// (and that size's survey wave and link), and answers how it came back ("200", "302", "login"...) and the SQL
    /// commands the app sent to answer it.
    /// </summary>
    public async Task<(string Outcome, IReadOnlyList<string> Commands)> SendAsync(AppRequest request, string template, string subject, ReviewStage stage, DataSize size)
    {
        ArgumentNullException.ThrowIfNull(request);
        var review = _reviews[(size, stage)];
        var (wave, token) = _surveys[size];
        var values = new SceneValues(review, review, _accountId, wave, _instrumentId, token);
        var id = Guid.NewGuid().ToString("N");
        string outcome;
        using (var message = SceneRequests.Build(request, template, _sessions[subject], values))
        {
            message.Headers.Add(SqlCommandCounter.Header, id);
            using var response = await _http!.SendAsync(message);
            outcome = AccessScene.Describe(response);
        }

        var commands = App.SqlCommands.Take(id);
        if (request.IsPost)
        {
            await SceneRequests.ReopenSignedOutSessionsAsync(App, _http!, BaseAddress, Subjects, _sessions);
        }

        return (outcome, commands);
    }

    private async Task AddReviewsAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, DataSize size, ScenePartCounts parts, DateTimeOffset now)
    {
        foreach (var stage in Stages)
        {
            _reviews[(size, stage)] = await ReviewSceneIds.LoadAsync(db, await CreateAtAsync(db, users, stage, parts, now));
        }
    }

    /// <summary>A review at <paramref name="stage"/>: built there, or (Intake to Findings) approved and reopened there by a Supervisor.</summary>
    private static async Task<int> CreateAtAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, ReviewStage stage, ScenePartCounts parts, DateTimeOffset now)
    {
        var built = stage >= ReviewStage.Approval ? stage : ReviewStage.Approved;
        var id = await ReviewScene.CreateAtAsync(db, users, built, now, parts: parts);
        if (stage < ReviewStage.Approval)
        {
            var supervisor = (await users.FindByEmailAsync(ReviewScene.Supervisor))!.Id;
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
            var actions = await db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == id).ToListAsync();
            review.Reopen(ReviewStage.Findings, actions, "Looked at again.", supervisor, now);
            await db.SaveChangesAsync();
            if (stage < ReviewStage.Findings)
            {
                review.Reopen(stage, actions, "Looked at again.", supervisor, now);
                await db.SaveChangesAsync();
            }
        }

        return id;
    }

    /// <summary>A Demo County wave with its responses, and an unused link in a unit of its own (the results POSTs make new links of the wave; this link is of another).</summary>
    private static async Task<(int WaveId, string Token)> AddWaveAsync(ReviewsDbContext db, int units, int responsesPerUnit)
    {
        var today = Forms.Today;
        var names = Enumerable.Range(1, units).Select(u => $"Unit {u}").ToList();
        var wave = await SurveyScene.OpenAsync(db, Seeder.DemoCode, today.AddDays(-7), today.AddDays(7), [.. names.Select(n => (n, responsesPerUnit))]);
        foreach (var name in names)
        {
            await SurveyScene.AddResponsesAsync(db, wave.WaveId, name, responsesPerUnit, 5, today);
        }

        var link = await SurveyScene.OpenAsync(db, Seeder.DemoCode, today.AddDays(-1), today.AddDays(7), ("Link unit", 1));
        return (wave.WaveId, link.Tokens["Link unit"][0]);
    }

    /// <summary>What an Administrator downloads of a wave, imported into the NPCS survey hub by an Analyst, through the pages.</summary>
    private async Task ShareAggregateAsync(int waveId)
    {
        using var admin = await App.SignInAsync("admin@demo.local");
        var file = await admin.Http.GetAsync(new Uri($"/Surveys/{waveId}?handler=Aggregate", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var analyst = await App.SignInAsync("analyst@demo.local");
        var hub = await analyst.GetPageAsync("/Hub/Surveys");
        var imported = await analyst.UploadAsync(hub, "Import.File", "aggregate.json", "application/json", await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
    }
}
