using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Intake;

public class CreateReviewTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    [Fact]
    public async Task Should_save_the_incident_with_the_next_number_of_the_year_and_its_deadlines()
    {
        var command = Intakes.NewCommand(Today);

        var result = await Fixture.SendAsync<CreateReview.Result>(command);

        var saved = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == result.Id));
        Assert.Matches(@"^DEMO-2026-\d{4}$", saved.Number);
        Assert.Equal(result.Number, saved.Number);
        Assert.Equal(ReviewStage.Intake, saved.Stage);
        Assert.Equal(command.CaseReference, saved.CaseReference);
        Assert.Equal(7, saved.ChildAgeMonths);
        Assert.Equal(RaceEthnicity.BlackOrAfricanAmerican | RaceEthnicity.HispanicOrLatino, saved.ChildRaceEthnicity);
        Assert.Equal(command.NotifiedDate!.Value.AddDays(30), saved.FirstDebriefDue);
        Assert.Equal(command.NotifiedDate!.Value.AddDays(90), saved.CompletionDue);
        Assert.False(result.ScreenedOut);
    }

    [Fact]
    public async Task Should_number_reviews_one_after_another()
    {
        var first = await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));
        var second = await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));

        var firstSequence = int.Parse(first.Number[^4..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"DEMO-2026-{firstSequence + 1:D4}", second.Number);
    }

    [Fact]
    public async Task Should_give_distinct_numbers_to_incidents_saved_at_the_same_moment()
    {
        var commands = Enumerable.Range(0, 8).Select(_ => Intakes.NewCommand(Today)).ToList();

        var results = await Task.WhenAll(commands.Select(c => Task.Run(() => Fixture.SendAsync<CreateReview.Result>(c))));

        Assert.Equal(results.Length, results.Select(r => r.Number).Distinct().Count());
        var sequences = results.Select(r => int.Parse(r.Number[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequences[0], sequences.Count), sequences);
    }

    [Fact]
    public async Task Should_keep_the_number_it_read_when_another_save_comes_between_the_read_and_the_write()
    {
        // Another save tries to take the next number just after this one has read the last: the read and the
        // write are one transaction holding SQLite's write lock, so the other waits (and here gives up),
        // and this save keeps its number. Without that, every attempt lost its number to such a save.
        var earlier = await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));
        var last = int.Parse(earlier.Number[^4..], System.Globalization.CultureInfo.InvariantCulture);
        Exception? otherSave = null;
        Fixture.Faults.OnceAfterRead("MAX(\"r\".\"NumberSequence\")", () => otherSave = Record.Exception(() => CopyWithNextNumber(earlier.Id, last + 1)));

        var result = await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));

        Assert.Equal($"DEMO-2026-{last + 1:D4}", result.Number);
        var refused = Assert.IsType<SqliteException>(otherSave);
        Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY: the write lock was held.
    }

    /// <summary>Another connection saves a copy of a review under the given number, waiting at most a second for the lock.</summary>
    private void CopyWithNextNumber(int reviewId, int sequence)
    {
        using var connection = new SqliteConnection(Fixture.ConnectionString + ";Default Timeout=1;Pooling=False");
        connection.Open();
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT name FROM pragma_table_info('Reviews') WHERE name <> 'Id';";
        var names = new List<string>();
        using (var reader = columns.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        string ValueOf(string name) => name switch
        {
            "NumberSequence" => "$sequence",
            "Number" => "Number || '-copy'",
            "CaseReference" or "CaseReferenceKey" => name + " || '-copy'",
            _ => name,
        };
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO Reviews ({string.Join(", ", names)}) SELECT {string.Join(", ", names.Select(ValueOf))} FROM Reviews WHERE Id = $id;";
        insert.Parameters.AddWithValue("$sequence", sequence);
        insert.Parameters.AddWithValue("$id", reviewId);
        insert.ExecuteNonQuery();
    }

    [Fact]
    public async Task Should_number_and_date_by_the_agencys_own_calendar_on_new_years_eve()
    {
        var before = Fixture.Time.Now;
        try
        {
            // 03:00 UTC on 1 January 2027 is 22:00 on 31 December 2026 in Demo County (America/New_York).
            Fixture.Time.Now = new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero);
            var lateEvening = Intakes.NewCommand(new DateOnly(2026, 12, 31));
            lateEvening.IncidentDate = new DateOnly(2026, 12, 31);
            lateEvening.NotifiedDate = new DateOnly(2026, 12, 31);

            var result = await Fixture.SendAsync<CreateReview.Result>(lateEvening);
            Assert.StartsWith("DEMO-2026-", result.Number, StringComparison.Ordinal);

            var tomorrow = Intakes.NewCommand(new DateOnly(2026, 12, 31));
            tomorrow.IncidentDate = new DateOnly(2027, 1, 1);
            tomorrow.NotifiedDate = new DateOnly(2027, 1, 1);
            var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<CreateReview.Result>(tomorrow));
            Assert.Contains("The incident date cannot be in the future.", error.Errors[nameof(IntakeFields.IncidentDate)]);
        }
        finally
        {
            Fixture.Time.Now = before;
        }
    }

    [Fact]
    public async Task Should_record_an_ineligible_incident_as_screened_out()
    {
        var command = Intakes.NewCommand(Today);
        command.IncidentType = IncidentType.Fatality;
        command.MostRecentContact = null;

        var result = await Fixture.SendAsync<CreateReview.Result>(command);

        Assert.True(result.ScreenedOut);
        var saved = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == result.Id));
        Assert.Equal(ReviewStage.ScreenedOut, saved.Stage);
        Assert.Contains("look-back window", saved.ScreeningReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_case_reference_already_used_in_the_jurisdiction_whatever_its_case()
    {
        var first = Intakes.NewCommand(Today);
        await Fixture.SendAsync<CreateReview.Result>(first);
        var second = Intakes.NewCommand(Today);
        second.CaseReference = "  " + first.CaseReference!.ToLowerInvariant() + " ";

        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<CreateReview.Result>(second));

        Assert.Equal(["A review with this case reference already exists in your jurisdiction."], error.Errors[nameof(IntakeFields.CaseReference)]);
    }

    [Fact]
    public async Task Should_allow_the_same_case_reference_in_another_jurisdiction()
    {
        var demo = Intakes.NewCommand(Today);
        await Fixture.SendAsync<CreateReview.Result>(demo);
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);
        var other = Intakes.NewCommand(Today);
        other.CaseReference = demo.CaseReference;

        var result = await Fixture.SendAsync<CreateReview.Result>(other);

        Assert.StartsWith("OTHR-2026-", result.Number, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<IntakeFields, DateOnly>, string> InvalidIntakes => new()
    {
        { nameof(IntakeFields.IncidentType), (f, _) => f.IncidentType = null, "Choose the incident type." },
        { nameof(IntakeFields.IncidentType), (f, _) => f.IncidentType = (IncidentType)99, "Choose one of the listed incident types." },
        { nameof(IntakeFields.IncidentDate), (f, _) => f.IncidentDate = null, "Enter the incident date." },
        { nameof(IntakeFields.IncidentDate), (f, t) => { f.IncidentDate = t.AddDays(1); f.NotifiedDate = t.AddDays(1); }, "The incident date cannot be in the future." },
        { nameof(IntakeFields.NotifiedDate), (f, t) => { f.IncidentDate = t.AddDays(-3); f.NotifiedDate = t.AddDays(-4); }, "The agency cannot have been notified before the incident." },
        { nameof(IntakeFields.NotifiedDate), (f, _) => f.NotifiedDate = null, "Enter the date the agency was notified." },
        { nameof(IntakeFields.IncidentDate), (f, _) => f.IncidentDate = new DateOnly(1, 1, 1), "The incident date must be in 1990 or later." },
        { nameof(IntakeFields.MostRecentContact), (f, _) => f.MostRecentContact = new DateOnly(1989, 12, 31), "The most recent agency contact must be in 1990 or later." },
        { nameof(IntakeFields.ChildAgeYears), (f, _) => f.ChildAgeYears = 18, "The child's age must be between 0 and 17 years." },
        { nameof(IntakeFields.ChildAgeYears), (f, _) => f.ChildAgeYears = -1, "The child's age must be between 0 and 17 years." },
        { nameof(IntakeFields.ChildAgeYears), (f, _) => f.ChildAgeYears = null, "Enter the child's age in years (0 for a child under one year)." },
        { nameof(IntakeFields.ChildAgeMonths), (f, _) => { f.ChildAgeYears = 0; f.ChildAgeMonths = null; }, "For a child under one year, enter the age in months." },
        { nameof(IntakeFields.ChildAgeMonths), (f, _) => f.ChildAgeMonths = 12, "Months must be between 0 and 11." },
        { nameof(IntakeFields.ChildSex), (f, _) => f.ChildSex = null, "Choose the child's sex." },
        { nameof(IntakeFields.ChildRaceEthnicity), (f, _) => f.ChildRaceEthnicity = [], "Choose at least one race or ethnicity, or Unknown or Declined." },
        { nameof(IntakeFields.ChildRaceEthnicity), (f, _) => f.ChildRaceEthnicity = [RaceEthnicity.Asian, RaceEthnicity.Declined], "Unknown and Declined cannot be combined with other categories." },
        { nameof(IntakeFields.ChildRaceEthnicity), (f, _) => f.ChildRaceEthnicity = [(RaceEthnicity)3], "Choose only from the listed categories." },
        { nameof(IntakeFields.CaseReference), (f, _) => f.CaseReference = " ", "Enter the agency case reference." },
        { nameof(IntakeFields.CaseReference), (f, _) => f.CaseReference = new string('x', 51), "The case reference can be at most 50 characters." },
        { nameof(IntakeFields.OpenCaseAtIncident), (f, _) => f.OpenCaseAtIncident = null, "Say whether a case was open at the time of the incident." },
        { nameof(IntakeFields.MostRecentContact), (f, t) => { f.IncidentDate = t.AddDays(-5); f.MostRecentContact = t.AddDays(-4); }, "The most recent agency contact cannot be after the incident." },
        { nameof(IntakeFields.PriorReportsCount), (f, _) => f.PriorReportsCount = -1, "The number of reports cannot be negative." },
        { nameof(IntakeFields.PriorReportsCount), (f, _) => f.PriorReportsCount = null, "Enter the number of reports in the prior 3 years (0 if none)." },
        { nameof(IntakeFields.PriorSubstantiated), (f, _) => f.PriorSubstantiated = null, "Say whether there was prior substantiated maltreatment." },
        { nameof(IntakeFields.AllegedMaltreatment), (f, _) => f.AllegedMaltreatment = [], "Choose the alleged maltreatment, or None alleged." },
        { nameof(IntakeFields.AllegedMaltreatment), (f, _) => f.AllegedMaltreatment = [MaltreatmentType.Neglect, MaltreatmentType.NoneAlleged], "None alleged cannot be combined with a type of maltreatment." },
        { nameof(IntakeFields.CauseCategory), (f, _) => f.CauseCategory = null, "Choose the cause category." },
        { nameof(IntakeFields.Summary), (f, _) => f.Summary = new string('s', 4001), "The summary can be at most 4,000 characters." },
    };

    [Theory]
    [MemberData(nameof(InvalidIntakes))]
    public async Task Should_refuse_invalid_intake_with_a_message_for_the_field_and_save_nothing(
        string field, Action<IntakeFields, DateOnly> breakIt, string message)
    {
        ArgumentNullException.ThrowIfNull(breakIt);
        var command = Intakes.NewCommand(Today);
        breakIt(command, Today);
        var before = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().CountAsync());

        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<CreateReview.Result>(command));

        Assert.Contains(message, error.Errors[field]);
        Assert.Equal(before, await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().CountAsync()));
    }

    [Theory]
    [InlineData(Users.Admin)]
    [InlineData(Users.Analyst)]
    public async Task Should_refuse_roles_that_do_not_record_incidents(string email)
    {
        await Fixture.RunAsUserAsync(email);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today)));
    }
}
