using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Sharing;

/// <summary>The de-identified extract: what leaves the jurisdiction, and what never does.</summary>
public partial class ExtractTests(SliceFixture fixture) : SliceTest(fixture, Users.Admin)
{
    private const string Marker = "ZQXMARK";

    [Fact]
    public async Task Should_leave_out_every_name_reference_date_and_free_text_of_a_fully_filled_review()
    {
        var id = await Fixture.ExecuteScopeAsync(sp => MarkedReview.CreateAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), Fixture.Time.Now, Marker));
        var review = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        var userIds = await Fixture.QueryDbAsync(db => db.Users.Select(u => u.Id).ToListAsync());
        var names = (await Fixture.QueryDbAsync(db => db.Users.Select(u => new { u.DisplayName, u.Email }).ToListAsync())).SelectMany(u => new[] { u.DisplayName, u.Email! }).ToList();

        foreach (var format in new[] { ExtractFormat.JsonLines, ExtractFormat.Csv })
        {
            var text = await ExportAsync("2026-01", "2026-11", format);

            Assert.Contains(Bands.Label(review.IncidentType), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Marker, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(review.Number, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(review.CaseReference, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(review.ScreeningReason, text, StringComparison.OrdinalIgnoreCase);
            Assert.All(userIds, u => Assert.DoesNotContain(u, text, StringComparison.OrdinalIgnoreCase));
            Assert.All(names, n => Assert.DoesNotContain(n, text, StringComparison.OrdinalIgnoreCase));
            Assert.Empty(FullDate().Matches(text));
        }
    }

    [Fact]
    public async Task Should_reduce_dates_to_months_and_ages_to_bands_and_count_days_from_notification()
    {
        var id = await Fixture.ExecuteScopeAsync(sp => MarkedReview.CreateAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), Fixture.Time.Now, Marker));
        var review = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

        var record = (await RecordsAsync("2026-11", "2026-11")).Single(r => r.IncidentMonth == YearMonth.Of(review.IncidentDate) && r.ChildAgeBand == AgeBand.From3To5);

        Assert.Equal(new YearMonth(2026, 11), record.ApprovedMonth);
        Assert.Equal(YearMonth.Of(review.IncidentDate), record.IncidentMonth);
        Assert.Equal(AgeBand.From3To5, record.ChildAgeBand);
        Assert.Equal(PriorReportsBand.From2To4, record.PriorInvolvement.PriorReports);
        Assert.True(record.PriorInvolvement.ContactInPast3Years);
        Assert.Equal(Fixture.Time.Now.UtcDateTime.Date.Subtract(review.NotifiedDate.ToDateTime(TimeOnly.MinValue)).Days, record.DaysToApproval);
        Assert.Equal(2, record.DaysToFirstDebrief);
        Assert.True(record.CompletedOnTime);
        var need = Assert.Single(record.Needs);
        Assert.Equal([NeedBarrier.Waitlist, NeedBarrier.Eligibility], need.Barriers);
        Assert.Equal(5, record.ProtectiveFactors.Count);
        var finding = Assert.Single(record.Findings);
        Assert.Equal(("ORG", "ORG-1", 2), (finding.Domain, finding.Item, finding.Rating));
        Assert.Equal(ActionStrength.Stronger, Assert.Single(finding.Actions).Strength);
    }

    [Theory]
    [InlineData(0, AgeBand.Under1)]
    [InlineData(11, AgeBand.Under1)]
    [InlineData(12, AgeBand.From1To2)]
    [InlineData(35, AgeBand.From1To2)]
    [InlineData(36, AgeBand.From3To5)]
    [InlineData(71, AgeBand.From3To5)]
    [InlineData(72, AgeBand.From6To12)]
    [InlineData(155, AgeBand.From6To12)]
    [InlineData(156, AgeBand.From13To17)]
    [InlineData(215, AgeBand.From13To17)]
    public void Should_put_an_age_in_its_band(int months, AgeBand band) => Assert.Equal(band, Bands.Age(months));

    [Fact]
    public async Task Should_give_a_review_the_same_pseudonym_in_every_export_and_another_jurisdiction_different_ones()
    {
        await Fixture.ReviewAtAsync(ReviewStage.Approved);

        var first = (await RecordsAsync("2026-11", "2026-11")).Select(r => r.Review).ToList();
        var second = (await RecordsAsync("2026-01", "2026-11")).Select(r => r.Review).ToList();

        Assert.NotEmpty(first);
        Assert.All(first, p => Assert.Contains(p, second));
        Assert.All(first, p => Assert.Matches("^[0-9a-f]{32}$", p));
        var owners = await Fixture.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters()
            .Select(j => new ExtractSource.Owner(j.Code, j.TimeZoneId, j.PseudonymKey)).ToListAsync());
        Assert.True(owners.Count >= 2);
        Assert.All(owners, o => Assert.Equal(32, o.PseudonymKey.Length));
        Assert.Equal(owners.Count, owners.Select(o => Convert.ToHexString(o.PseudonymKey)).Distinct().Count());
        foreach (var reviewId in new[] { 1, 2, 12345 })
        {
            Assert.Equal(owners.Count, owners.Select(o => o.Pseudonym(reviewId)).Distinct().Count());
            Assert.Equal(owners[0].Pseudonym(reviewId), owners[0].Pseudonym(reviewId));
        }
    }

    [Fact]
    public async Task Should_export_only_approved_reviews_by_approval_month_in_the_agency_time_zone()
    {
        var before = (await RecordsAsync("2026-10", "2026-10")).Count;
        var inApproval = await Fixture.ReviewAtAsync(ReviewStage.Approval);

        // 03:00 UTC on 1 November is still 31 October in New York: the agency's October.
        var saved = Fixture.Time.Now;
        Fixture.Time.Now = new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
        try
        {
            await Fixture.ReviewAtAsync(ReviewStage.Approved);
        }
        finally
        {
            Fixture.Time.Now = saved;
        }

        var october = await RecordsAsync("2026-10", "2026-10");
        Assert.Equal(before + 1, october.Count);
        var pseudonym = await Fixture.QueryDbAsync(db => db.Jurisdictions.Select(j => new ExtractSource.Owner(j.Code, j.TimeZoneId, j.PseudonymKey)).SingleAsync());
        Assert.DoesNotContain(october, r => r.Review == pseudonym.Pseudonym(inApproval));
        Assert.DoesNotContain(await RecordsAsync("2026-11", "2026-11"), r => r.Review == pseudonym.Pseudonym(inApproval));
        Assert.All(october, r => Assert.Equal(new ExtractPeriod(new YearMonth(2026, 10), new YearMonth(2026, 10)), r.Period));
    }

    [Fact]
    public async Task Should_read_reviews_in_batches_and_return_each_once_in_order()
    {
        for (var i = 0; i < 5; i++)
        {
            await Fixture.ReviewAtAsync(ReviewStage.Approved);
        }

        var period = new ExtractPeriod(new YearMonth(2026, 1), new YearMonth(2026, 11));
        var (small, large) = await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var source = new ExtractSource(db) { BatchSize = 2 };
            var owner = await source.OwnerAsync(default);
            var inSmall = await source.ReadAsync(owner, period).Select(r => r.Review).ToListAsync();
            var inLarge = await new ExtractSource(db).ReadAsync(owner, period).Select(r => r.Review).ToListAsync();
            return (inSmall, inLarge);
        });

        Assert.True(small.Count >= 5);
        Assert.Equal(large, small);
        Assert.Equal(small.Count, small.Distinct().Count());
    }

    [Fact]
    public async Task Should_record_who_exported_which_period_in_which_format_and_how_many_reviews()
    {
        await Fixture.ReviewAtAsync(ReviewStage.Approved);
        var expected = (await RecordsAsync("2026-11", "2026-11")).Count;

        var csv = await ExportAsync("2026-11", "2026-11", ExtractFormat.Csv);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ExtractCsv.Columns), lines[0]);
        Assert.Equal(expected, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(ExtractCsv.Columns.Count, l.Split(',').Length));
        var log = await Fixture.SendAsync<ListExtractExports.Result>(new ListExtractExports.Query());
        var latest = log.Rows[0];
        Assert.Equal(("Alex Administrator", ExtractFormat.Csv, expected), (latest.Who, latest.Format, latest.Rows));
        Assert.Equal((new YearMonth(2026, 11), new YearMonth(2026, 11)), (latest.From, latest.To));
    }

    [Theory]
    [InlineData(null, "2026-10", "JsonLines", "From", "Enter the first month of the period.")]
    [InlineData("2026-13", "2026-10", "JsonLines", "From", "Enter the first month as a month and year, for example 2026-01.")]
    [InlineData("2026-10", "October", "JsonLines", "To", "Enter the last month as a month and year, for example 2026-12.")]
    [InlineData("2026-10", "2026-09", "JsonLines", "To", "The last month cannot be before the first month.")]
    [InlineData("2026-10", "2026-12", "JsonLines", "To", "The last month cannot be in the future.")]
    [InlineData("2010-01", "2026-10", "Csv", "To", "An extract covers at most 10 years; export a shorter period.")]
    [InlineData("2026-01", "2026-10", null, "Format", "Choose a format.")]
    [InlineData("2026-01", "2026-10", "99", "Format", "Choose a format from the list.")]
    public async Task Should_refuse_a_period_or_format_that_makes_no_sense(string? from, string? to, string? format, string field, string message)
    {
        var query = new ExportExtract.Query { From = from, To = to, Format = format is null ? null : Enum.Parse<ExtractFormat>(format) };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<ExportExtract.Result>(query));

        Assert.Contains(message, ex.Errors[field]);
    }

    [Theory]
    [InlineData(Users.Supervisor)]
    [InlineData(Users.Caseworker)]
    [InlineData(Users.Analyst)]
    public async Task Should_let_only_administrators_export(string email)
    {
        await Fixture.RunAsUserAsync(email);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Fixture.SendAsync<ExportExtract.Result>(new ExportExtract.Query { From = "2026-01", To = "2026-10", Format = ExtractFormat.JsonLines }));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListExtractExports.Result>(new ListExtractExports.Query()));
    }

    private Task<string> ExportAsync(string from, string to, ExtractFormat format) => Fixture.ExecuteScopeAsync(async sp =>
    {
        var file = await sp.GetRequiredService<IMediator>().Send(new ExportExtract.Query { From = from, To = to, Format = format });
        using var body = new MemoryStream();
        await file.WriteAsync(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    });

    private async Task<List<ExtractRecord>> RecordsAsync(string from, string to) =>
        [.. (await ExportAsync(from, to, ExtractFormat.JsonLines))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ExtractRecord>(line, ExtractRecord.JsonOptions)!)];

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")]
    private static partial Regex FullDate();
}
