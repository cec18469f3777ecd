using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Surveys;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Surveys;

/// <summary>
/// Answers through links, without an account: a link works once and only while its wave is open,
/// and nothing stored (columns or rows) ties a response to a person or to the link it came through.
/// </summary>
public class SurveyAnonymityTests(SliceFixture fixture) : SliceTest(fixture, Users.Admin)
{
    private Task<SurveySceneWave> WaveAsync(DateOnly opens, DateOnly closes, params (string, int)[] units) =>
        Fixture.QueryDbAsync(db => SurveyScene.OpenAsync(db, "DEMO", opens, closes, units));

    /// <summary>Answers every page through the link as the anonymous person would, then submits.</summary>
    private async Task AnswerAllAsync(string token, string value)
    {
        var restore = Fixture.CurrentUser.Snapshot();
        Fixture.RunAsAnonymous();
        try
        {
            // From where the link resumes to the last page, one page per domain.
            var page = await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, null));
            while (true)
            {
                var saved = await Fixture.SendAsync<SaveSurveyPage.Result>(new SaveSurveyPage.Command
                {
                    Token = token,
                    Step = page.Step,
                    Answers = page.Items.ToDictionary(i => i.Code, _ => (string?)value),
                    Move = page.Step == page.Steps ? SaveSurveyPage.Move.Submit : SaveSurveyPage.Move.Next,
                });
                if (saved.Submitted)
                {
                    break;
                }

                page = await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, null));
                Assert.Equal(saved.NextStep, page.Step);
            }
        }
        finally
        {
            restore();
        }
    }

    [Fact]
    public async Task No_column_of_the_response_tables_can_tie_a_response_to_a_person_or_a_link()
    {
        var model = await Fixture.QueryDbAsync(db => Task.FromResult(db.Model));
        string[] Columns<T>() => [.. model.FindEntityType(typeof(T))!.GetProperties().Select(p => p.GetColumnName())];

        Assert.Equal(["Id", "SubmittedOn", "UnitId", "WaveId"], Columns<SurveyResponse>().Order());
        Assert.Equal(["ItemCode", "ResponseId", "Value"], Columns<SurveyAnswer>().Order());
        Assert.Equal(["Id", "TokenHash", "UnitId", "Used", "WaveId"], Columns<SurveyLink>().Order());

        // The date has no time of day, and the key is random, not a sequence that tells the order of submission.
        var response = model.FindEntityType(typeof(SurveyResponse))!;
        Assert.Equal(typeof(DateOnly), response.FindProperty(nameof(SurveyResponse.SubmittedOn))!.ClrType);
        Assert.Equal(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never, response.FindPrimaryKey()!.Properties.Single().ValueGenerated);
        Assert.DoesNotContain(response.GetForeignKeys(), f => f.PrincipalEntityType.ClrType == typeof(SurveyLink) || f.PrincipalEntityType.ClrType == typeof(ApplicationUser));

        // And the real table in the SQLite file has those columns, no more.
        var sqliteColumns = await Fixture.QueryDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('SurveyResponses')").ToListAsync());
        Assert.Equal(["Id", "SubmittedOn", "UnitId", "WaveId"], sqliteColumns.Order());
    }

    [Fact]
    public async Task Stored_rows_hold_unit_answers_and_date_only_and_the_draft_is_gone()
    {
        var wave = await WaveAsync(Today.AddDays(-1), Today.AddDays(5), ("Intake team", 2));
        var token = wave.Tokens["Intake team"][0];
        var hash = SurveyTokens.Hash(token);

        // Half-way: the draft holds the answers under the link's hash.
        Fixture.RunAsAnonymous();
        await Fixture.SendAsync<SaveSurveyPage.Result>(new SaveSurveyPage.Command { Token = token, Step = 1, Answers = SurveyScene.AllAnswered("6"), Move = SaveSurveyPage.Move.Next });
        Assert.True(await Fixture.QueryDbAsync(db => db.SurveyDrafts.IgnoreQueryFilters().AnyAsync(d => d.LinkHash == hash)));
        var resumed = await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, null));
        Assert.Equal(2, resumed.Step);
        Assert.Equal("6", (await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, 1))).Answers["PS-1"]);
        await Fixture.RunAsUserAsync(Users.Admin);

        await AnswerAllAsync(token, "6");

        Assert.False(await Fixture.QueryDbAsync(db => db.SurveyDrafts.IgnoreQueryFilters().AnyAsync(d => d.LinkHash == hash)));
        var stored = await Fixture.QueryDbAsync(db => db.SurveyResponses.IgnoreQueryFilters().Include(r => r.Answers).SingleAsync(r => r.WaveId == wave.WaveId));
        var unitId = await Fixture.QueryDbAsync(db => db.SurveyUnits.IgnoreQueryFilters().Where(u => u.WaveId == wave.WaveId).Select(u => u.Id).SingleAsync());
        Assert.Equal(unitId, stored.UnitId);
        Assert.Equal(Today, stored.SubmittedOn);
        Assert.Equal(DefaultInstrument.Definition.Items.Count(), stored.Answers.Count);
        Assert.All(stored.Answers, a => Assert.Equal(6, a.Value));

        // Nothing in the row (as text) holds the token, its hash, or any link's id.
        var links = await Fixture.QueryDbAsync(db => db.SurveyLinks.IgnoreQueryFilters().Where(l => l.WaveId == wave.WaveId).ToListAsync());
        var row = await Fixture.QueryDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT Id || '|' || WaveId || '|' || UnitId || '|' || SubmittedOn AS Value FROM SurveyResponses WHERE WaveId = {0}", wave.WaveId).SingleAsync());
        Assert.DoesNotContain(token, row, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, row, StringComparison.Ordinal);
        Assert.Equal(4, row.Split('|').Length);
        Assert.All(links, l => Assert.DoesNotContain(l.TokenHash, row, StringComparison.Ordinal));

        // The links table says one of the unit's two links was used, not which response it gave.
        Assert.Equal(1, links.Count(l => l.Used));
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var wave = await WaveAsync(Today, Today, ("Team", 1));
        var token = wave.Tokens["Team"][0];
        await AnswerAllAsync(token, "5");

        Fixture.RunAsAnonymous();
        Assert.Equal(InvitationState.Used, (await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, null))).State);
        var again = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync<SaveSurveyPage.Result>(new SaveSurveyPage.Command
        {
            Token = token,
            Step = 3,
            Answers = SurveyScene.AllAnswered("1"),
            Move = SaveSurveyPage.Move.Submit,
        }));
        Assert.Contains("already been used", again.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Fixture.QueryDbAsync(db => db.SurveyResponses.IgnoreQueryFilters().CountAsync(r => r.WaveId == wave.WaveId)));
    }

    [Theory]
    [InlineData(-10, -1, InvitationState.Closed)]
    [InlineData(1, 10, InvitationState.NotYetOpen)]
    public async Task A_closed_or_not_yet_open_wave_refuses_answers(int opens, int closes, InvitationState state)
    {
        var wave = await WaveAsync(Today.AddDays(opens), Today.AddDays(closes), ("Team", 1));
        var token = wave.Tokens["Team"][0];
        Fixture.RunAsAnonymous();

        var page = await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(token, null));
        Assert.Equal(state, page.State);
        Assert.Empty(page.Items);
        await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync<SaveSurveyPage.Result>(new SaveSurveyPage.Command
        {
            Token = token,
            Step = 1,
            Answers = SurveyScene.AllAnswered("4"),
        }));
        Assert.False(await Fixture.QueryDbAsync(db => db.SurveyDrafts.IgnoreQueryFilters().AnyAsync(d => d.LinkHash == SurveyTokens.Hash(token))));
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        Fixture.RunAsAnonymous();
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query("not-a-link", null)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(SurveyTokens.Create().Token, null)));
    }

    [Fact]
    public async Task Results_show_domain_scores_but_nothing_of_a_unit_of_4_even_by_subtraction()
    {
        var wave = await WaveAsync(Today.AddDays(-2), Today.AddDays(2), ("North", 8), ("South", 4));
        foreach (var token in wave.Tokens["North"].Take(6))
        {
            await AnswerAllAsync(token, "6");
        }

        foreach (var token in wave.Tokens["South"])
        {
            await AnswerAllAsync(token, "2");
        }

        var results = await Fixture.SendAsync<GetWaveResults.Result>(new GetWaveResults.Query(wave.WaveId));

        // North (6) alone would give South as the overall minus North: only the whole wave is shown.
        var group = Assert.Single(results.Groups);
        Assert.Equal(GroupKind.Overall, group.Kind);
        Assert.Equal(10, group.Responses);
        Assert.All(group.Domains, d => Assert.True(d.Shown));
        Assert.Equal(["North", "South"], results.Rates.Select(r => r.Unit));
        Assert.Equal(4, results.Rates[1].Responses);
        Assert.DoesNotContain(results.Groups, g => g.Name == "South" || g.Name == "North");

        // The aggregate for the hub holds the overall only.
        var aggregate = await Fixture.SendAsync<ExportWaveAggregate.Result>(new ExportWaveAggregate.Query(wave.WaveId));
        var json = Encoding.UTF8.GetString(aggregate.Content);
        Assert.DoesNotContain("South", json, StringComparison.Ordinal);
        Assert.DoesNotContain("North", json, StringComparison.Ordinal);
        Assert.Contains("\"responses\": 10", json, StringComparison.Ordinal);

        // The aggregate is what its published schema says, so the hub's checks and the schema agree.
        var schema = Json.Schema.JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Root(), "docs", "schema", "npcs-survey-aggregate.schema.json")));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.True(schema.Evaluate(document.RootElement).IsValid, "The wave's aggregate does not validate against docs/schema/npcs-survey-aggregate.schema.json.");
        using var broken = System.Text.Json.JsonDocument.Parse(json.Replace("\"responses\": 10", "\"responses\": \"ten\"", StringComparison.Ordinal));
        Assert.False(schema.Evaluate(broken.RootElement).IsValid);
    }

    [Fact]
    public async Task An_instrument_round_trips_as_json_and_a_broken_one_is_refused_with_its_problems()
    {
        var instruments = await Fixture.SendAsync<IReadOnlyList<ListInstruments.Instrument>>(new ListInstruments.Query());
        var file = await Fixture.SendAsync<ExportInstrument.Result>(new ExportInstrument.Query(instruments[0].Id));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ImportInstrument.Result>(new ImportInstrument.Command { File = file.Content }));
        Assert.Contains("already here", refused.Errors["File"][0], StringComparison.Ordinal);

        var next = Encoding.UTF8.GetString(file.Content).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);
        var imported = await Fixture.SendAsync<ImportInstrument.Result>(new ImportInstrument.Command { File = Encoding.UTF8.GetBytes(next) });
        Assert.Equal(2, imported.Version);

        var broken = """{ "name": "", "version": 0, "scale": { "min": 1, "max": 5, "agreeFrom": 4, "labels": ["a"] }, "domains": [ { "code": "X X", "name": "X", "items": [] } ] }""";
        var problems = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ImportInstrument.Result>(new ImportInstrument.Command { File = Encoding.UTF8.GetBytes(broken) }));
        Assert.Equal(5, problems.Errors["File"].Length);
    }

    [Fact]
    public async Task A_wave_cannot_close_before_it_opens()
    {
        var form = await Fixture.SendAsync<OpenWave.Form>(new OpenWave.FormQuery());
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(new OpenWave.Command
        {
            Title = "Backwards",
            InstrumentId = form.Instruments[0].Id,
            OpensOn = Today,
            ClosesOn = Today.AddDays(-1),
            Units = [new() { Name = "A", Invited = 5 }],
        }));
        Assert.Equal("The closing date cannot be before the opening date.", refused.Errors["ClosesOn"][0]);
    }

    [Fact]
    public async Task Another_jurisdictions_wave_is_not_found_and_a_supervisor_cannot_make_links()
    {
        var other = await Fixture.QueryDbAsync(db => SurveyScene.OpenAsync(db, "OTHR", Today, Today, ("Team", 5)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetWaveResults.Result>(new GetWaveResults.Query(other.WaveId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<MakeLinks.Result>(new MakeLinks.Command(other.WaveId)));

        await Fixture.RunAsUserAsync(Users.Supervisor);
        var own = await WaveAsync(Today, Today, ("Team", 5));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<MakeLinks.Result>(new MakeLinks.Command(own.WaveId)));
        Assert.NotNull(await Fixture.SendAsync<GetWaveResults.Result>(new GetWaveResults.Query(own.WaveId)));
    }

    [Fact]
    public async Task Making_links_again_replaces_the_unused_ones_and_keeps_the_used_count()
    {
        var wave = await WaveAsync(Today, Today.AddDays(3), ("Team", 3));
        await AnswerAllAsync(wave.Tokens["Team"][0], "4");

        var made = await Fixture.SendAsync<MakeLinks.Result>(new MakeLinks.Command(wave.WaveId));

        var unit = Assert.Single(made.Units);
        Assert.Equal(1, unit.Used);
        Assert.Equal(2, unit.Tokens.Count);
        Fixture.RunAsAnonymous();
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(wave.Tokens["Team"][1], null)));
        Assert.Equal(InvitationState.Open, (await Fixture.SendAsync<GetSurveyPage.Result>(new GetSurveyPage.Query(unit.Tokens[0], null))).State);
        var hashes = await Fixture.QueryDbAsync(db => db.SurveyLinks.IgnoreQueryFilters().Where(l => l.WaveId == wave.WaveId).Select(l => l.TokenHash).ToListAsync());
        Assert.Equal(3, hashes.Count);
        Assert.DoesNotContain(unit.Tokens[0], hashes);
    }
}
